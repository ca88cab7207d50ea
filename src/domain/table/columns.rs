//! What each column of a list means: the fields a list can carry, the names governments give them,
//! and the mapping from a sheet's columns to fields, guessed from the header and corrected by the user.
//!
//! A header cell is recognised by an exact name first ("牵头单位", "责任单位", "完成时限"), then by a
//! word it contains ("工作计划及进度安排（月度）"). Names shared by two fields ("责任单位" is the lead
//! unit, or the cooperating units when the list also has 牵头单位) go to the first one still free once
//! every unambiguous name is placed. A field comes from one column; a column no name fits is kept
//! verbatim ([`Role::Keep`]) and shown with the project.
//!
//! Invariant: header cells in, roles out; looks at no data row (that is `table::name_by_content`).

use crate::domain::hash::short_hash;
use crate::domain::text::normalize;
use serde::{Deserialize, Serialize};

/// The fields a list's columns can mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Seq,
    Category,
    Name,
    CityLeader,
    LeadUnit,
    LeadUnitLeader,
    CoUnits,
    Due,
    PlanText,
    IndicatorName,
    Target,
    Unit,
    Baseline,
}

impl Column {
    /// In the order a mapping offers them: the project's fields, its indicator table, then 序号.
    pub const ALL: [Column; 13] = [
        Column::Name,
        Column::Category,
        Column::CityLeader,
        Column::LeadUnit,
        Column::LeadUnitLeader,
        Column::CoUnits,
        Column::Due,
        Column::PlanText,
        Column::IndicatorName,
        Column::Target,
        Column::Unit,
        Column::Baseline,
        Column::Seq,
    ];

    /// The name the 2024 Hangzhou list gives the column.
    pub fn header(self) -> &'static str {
        match self {
            Column::Seq => "序号",
            Column::Category => "类别",
            Column::Name => "项目名称",
            Column::CityLeader => "分管市领导",
            Column::LeadUnit => "牵头单位",
            Column::LeadUnitLeader => "牵头单位分管领导",
            Column::CoUnits => "配合单位",
            Column::Due => "预计完成时间",
            Column::PlanText => "工作计划和进度安排",
            Column::IndicatorName => "指标名称",
            Column::Target => "目标值",
            Column::Unit => "计量单位",
            Column::Baseline => "基线值",
        }
    }

    /// A stable English code (the command line's `--map 列名=lead_unit`, remembered mappings).
    pub fn code(self) -> &'static str {
        match self {
            Column::Seq => "seq",
            Column::Category => "category",
            Column::Name => "name",
            Column::CityLeader => "city_leader",
            Column::LeadUnit => "lead_unit",
            Column::LeadUnitLeader => "lead_unit_leader",
            Column::CoUnits => "co_units",
            Column::Due => "due",
            Column::PlanText => "plan",
            Column::IndicatorName => "indicator",
            Column::Target => "target",
            Column::Unit => "unit",
            Column::Baseline => "baseline",
        }
    }

    /// Whole header names that mean this field (after [`header_key`]).
    fn names(self) -> &'static [&'static str] {
        match self {
            Column::Seq => &["序号", "编号", "项目编号", "序", "no", "no."],
            Column::Category => &["类别", "分类", "类型", "项目类别", "项目分类", "领域", "板块", "所属领域"],
            Column::Name => &[
                "项目名称", "项目", "重点任务", "项目内容", "实事项目", "民生实事项目", "民生实事", "任务", "工作任务",
                "主要任务", "任务内容", "实事名称", "名称", "项目名称及内容", "任务名称", "目标任务", "标志性成果",
                "标志性工程", "建设任务", "实事内容",
            ],
            Column::CityLeader => &[
                "分管市领导", "分管领导", "责任领导", "市领导", "联系市领导", "牵头市领导", "责任市领导", "分管区领导",
                "分管县领导", "分管副市长", "市分管领导", "牵头领导", "联系领导", "市级联系领导", "牵头区领导", "牵头县领导",
            ],
            Column::LeadUnit => &["牵头单位", "牵头部门", "主责单位", "主办单位", "牵头责任单位", "责任单位", "责任部门", "承办单位"],
            Column::LeadUnitLeader => &[
                "牵头单位分管领导", "单位分管领导", "牵头单位负责人", "牵头单位领导", "部门分管领导", "责任人", "单位负责人",
            ],
            Column::CoUnits => &["配合单位", "协同单位", "配合部门", "协办单位", "参与单位", "协同部门", "协作单位", "责任单位"],
            Column::Due => &[
                "预计完成时间", "完成时限", "时间节点", "完成时间", "完成期限", "时限", "计划完成时间", "完成时间节点", "时间",
            ],
            Column::PlanText => &[
                "工作计划和进度安排", "工作计划", "进度安排", "推进计划", "进度计划", "工作计划及进度安排", "计划安排",
                "时序进度", "推进措施", "主要举措", "工作举措", "工作措施", "实施计划",
            ],
            Column::IndicatorName => &["指标名称", "指标", "绩效指标", "考核指标", "指标内容"],
            Column::Target => &["目标值", "年度目标", "目标任务", "目标", "任务目标", "年度目标值", "年度任务", "指标值"],
            Column::Unit => &["计量单位", "指标单位", "度量单位", "单位"],
            Column::Baseline => &["基线值", "上年实际值", "上年值", "基期值", "现状值", "基数", "上年完成值", "基准值"],
        }
    }
}

/// Headers of columns that report progress (进展情况, 形象进度, 完成情况, 累计完成…): never a target or a
/// plan, kept verbatim and offered as the list's first reported progress (`table::offered_progress`).
const PROGRESS_WORDS: &[&str] = &["进展", "形象进度", "完成情况", "累计完成", "推进情况", "实施情况", "已完成"];

/// Whether a header names a progress column.
pub fn is_progress_header(cell: &str) -> bool {
    let key = header_key(cell);
    !key.is_empty() && PROGRESS_WORDS.iter().any(|w| key.contains(w))
}

/// Words a header may contain instead of a whole name, tried in this order (every word of a group must
/// be there): "牵头单位及分管领导" is the leader before it is the unit.
const WORDS: &[(Column, &[&str])] = &[
    (Column::LeadUnitLeader, &["牵头", "领导"]),
    (Column::LeadUnitLeader, &["单位", "领导"]),
    (Column::LeadUnitLeader, &["单位", "负责人"]),
    (Column::CityLeader, &["领导"]),
    (Column::CoUnits, &["配合"]),
    (Column::CoUnits, &["协同"]),
    (Column::CoUnits, &["协办"]),
    (Column::LeadUnit, &["牵头"]),
    (Column::LeadUnit, &["主责"]),
    (Column::LeadUnit, &["责任单位"]),
    (Column::Baseline, &["实际值"]),
    (Column::Baseline, &["上年"]),
    (Column::Baseline, &["基线"]),
    (Column::Baseline, &["基期"]),
    (Column::Target, &["目标"]),
    (Column::IndicatorName, &["指标"]),
    (Column::Unit, &["计量"]),
    (Column::Due, &["时限"]),
    (Column::Due, &["完成时间"]),
    (Column::Due, &["期限"]),
    (Column::Due, &["节点"]),
    (Column::PlanText, &["计划"]),
    (Column::PlanText, &["进度"]),
    (Column::PlanText, &["举措"]),
    (Column::PlanText, &["措施"]),
    (Column::Name, &["项目"]),
    (Column::Name, &["任务"]),
    (Column::Name, &["实事"]),
    (Column::Category, &["类别"]),
    (Column::Category, &["分类"]),
    (Column::Seq, &["序号"]),
];

/// A header cell as compared: half-width, no spaces or line breaks, no trailing note in brackets
/// ("预计完成时间\n（月底）" → "预计完成时间"), no marks of required fields ("*项目名称").
pub fn header_key(cell: &str) -> String {
    let mut key = normalize(cell).to_lowercase();
    key.retain(|c| !matches!(c, '*' | '＊' | ':' | '：'));
    while let Some(open) = key.rfind(['(', '[', '【', '〔']) {
        if open == 0 {
            break;
        }
        key.truncate(open);
    }
    key
}

/// How strongly a header names a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Word,
    Name,
}

/// The fields a header cell may mean, best first, and how strongly.
type Candidates = (Vec<Column>, Option<Strength>);

fn candidates(cell: &str) -> Candidates {
    let key = header_key(cell);
    if key.is_empty() || is_progress_header(cell) {
        return (Vec::new(), None);
    }
    let named: Vec<Column> = Column::ALL.into_iter().filter(|c| c.names().contains(&key.as_str())).collect();
    if !named.is_empty() {
        // "责任单位" is listed under both unit fields: the lead unit first.
        let mut named = named;
        if named.contains(&Column::LeadUnit) && named.contains(&Column::CoUnits) {
            named.retain(|c| *c != Column::CoUnits);
            named.push(Column::CoUnits);
        }
        return (named, Some(Strength::Name));
    }
    // Long cells and sentences are data, not headers.
    let raw = normalize(cell);
    let sentence = raw.contains([',', '，', '。', ';', '；']) || raw.trim_end_matches([':', '：']).contains([':', '：']);
    if key.chars().count() > 16 || sentence {
        return (Vec::new(), None);
    }
    let worded = WORDS.iter().find(|(_, words)| words.iter().all(|w| key.contains(w))).map(|(c, _)| *c);
    (worded.into_iter().collect(), worded.map(|_| Strength::Word))
}

/// Whether `cell` is one of the whole names of `field` (not a word it contains).
pub fn is_name_of(cell: &str, field: Column) -> bool {
    field.names().contains(&header_key(cell).as_str())
}

/// Why a column was given its role: shown beside the guess so that a person can judge it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The header is one of the field's names ("责任单位").
    HeaderName,
    /// The header contains one of the field's words ("工作计划及进度安排（月度）").
    HeaderWord,
    /// No header names it: its cells look like projects' names (short, one per row, different on
    /// every row).
    Content,
    /// Two columns were named for the project: the shorter texts are the project, the longer its plan.
    Length,
    /// The header reports progress (进展情况…): kept verbatim, offered as reported progress.
    Progress,
    /// Chosen by a person (now, or remembered for the same header).
    Chosen,
    /// Nothing names it.
    #[default]
    Unknown,
}

/// What one column of a sheet becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "role", content = "field")]
pub enum Role {
    /// A field of the plan.
    Field(Column),
    /// Not a field: kept verbatim with the project under its header.
    Keep,
    /// Left out (不导入).
    Ignore,
}

impl Role {
    /// Every role a column can be given, in the order a mapping offers them.
    pub fn choices() -> Vec<Role> {
        Column::ALL.into_iter().map(Role::Field).chain([Role::Keep, Role::Ignore]).collect()
    }

    pub fn code(self) -> &'static str {
        match self {
            Role::Field(c) => c.code(),
            Role::Keep => "keep",
            Role::Ignore => "ignore",
        }
    }

    /// A role named by its code, its Chinese field name or a header synonym ("项目名称", "lead_unit",
    /// "不导入", "保留"): what `--map 列名=字段` accepts.
    pub fn parse(text: &str) -> Option<Role> {
        let t = text.trim();
        match t {
            "keep" | "保留" | "保留原文" => return Some(Role::Keep),
            "ignore" | "不导入" | "忽略" => return Some(Role::Ignore),
            _ => {}
        }
        if let Some(c) = Column::ALL.into_iter().find(|c| c.code() == t || c.header() == t) {
            return Some(Role::Field(c));
        }
        let key = header_key(t);
        Column::ALL.into_iter().find(|c| c.names().contains(&key.as_str())).map(Role::Field)
    }
}

/// One column of a sheet and what it becomes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappedColumn {
    /// The header as written (or "第 N 列" for a column without one).
    pub header: String,
    pub role: Role,
    #[serde(default)]
    pub basis: Basis,
}

/// How a sheet is read: its header row and each column's role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// Index into the sheet's rows of the header row.
    pub header_row: usize,
    pub columns: Vec<MappedColumn>,
}

impl Mapping {
    /// The column that gives `field`, if any.
    pub fn column_of(&self, field: Column) -> Option<usize> {
        self.columns.iter().position(|c| c.role == Role::Field(field))
    }

    pub fn has(&self, field: Column) -> bool {
        self.column_of(field).is_some()
    }

    /// Gives column `index` the role `role`; a field comes from one column, so a column that gave it
    /// before is kept verbatim instead.
    pub fn set(&mut self, index: usize, role: Role) {
        if let Role::Field(_) = role {
            for (i, c) in self.columns.iter_mut().enumerate() {
                if i != index && c.role == role {
                    c.role = Role::Keep;
                }
            }
        }
        if let Some(c) = self.columns.get_mut(index) {
            c.role = role;
            c.basis = Basis::Chosen;
        }
    }

    /// Identifies the header (the same headers give the same key): a remembered mapping is offered
    /// again for it.
    pub fn key(&self) -> String {
        let joined: Vec<String> = self.columns.iter().map(|c| header_key(&c.header)).collect();
        format!("h-{}", short_hash(&joined.join("\u{1F}"), 12))
    }

    /// The roles in column order, as remembered.
    pub fn roles(&self) -> Vec<Role> {
        self.columns.iter().map(|c| c.role).collect()
    }

    /// Applies remembered roles when they fit this header (same number of columns).
    pub fn with_roles(mut self, roles: &[Role]) -> Mapping {
        if roles.len() == self.columns.len() {
            for (c, r) in self.columns.iter_mut().zip(roles) {
                if c.role != *r {
                    c.role = *r;
                    c.basis = Basis::Chosen;
                }
            }
        }
        self
    }

    /// Sets the role of the column whose header is `header` (as written, or compared as a header).
    pub fn set_by_header(&mut self, header: &str, role: Role) -> Result<(), MapError> {
        let key = header_key(header);
        let index = self
            .columns
            .iter()
            .position(|c| c.header.trim() == header.trim())
            .or_else(|| self.columns.iter().position(|c| header_key(&c.header) == key))
            .ok_or_else(|| MapError::NoSuchColumn { header: header.to_string(), columns: self.headers() })?;
        self.set(index, role);
        Ok(())
    }

    pub fn headers(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.header.clone()).collect()
    }
}

/// A mapping asked for that cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MapError {
    /// `--map` names a column the header does not have.
    NoSuchColumn { header: String, columns: Vec<String> },
    /// `--map` gives a field name nobody knows.
    NoSuchField { text: String },
}

/// Parses one `--map 列名=字段` argument.
pub fn parse_map_arg(arg: &str) -> Result<(String, Role), MapError> {
    let (header, field) = arg.rsplit_once(['=', '＝']).ok_or_else(|| MapError::NoSuchField { text: arg.to_string() })?;
    let role = Role::parse(field).ok_or_else(|| MapError::NoSuchField { text: field.to_string() })?;
    Ok((header.trim().to_string(), role))
}

/// The fields the cells of a row name, as a guess: each field from one column, unambiguous names
/// first, then shared names, then words; the rest kept (or left out when the column has no header).
pub fn guess_row(cells: &[String]) -> Vec<Role> {
    guess_row_with_basis(cells).into_iter().map(|(r, _)| r).collect()
}

/// [`guess_row`], with why each column has its role.
pub fn guess_row_with_basis(cells: &[String]) -> Vec<(Role, Basis)> {
    let found: Vec<Candidates> = cells.iter().map(|c| candidates(c)).collect();
    let mut roles: Vec<Option<Role>> = vec![None; cells.len()];
    let mut taken: Vec<Column> = Vec::new();
    let passes: [&dyn Fn(&Candidates) -> bool; 3] = [
        &|(c, s)| *s == Some(Strength::Name) && c.len() == 1,
        &|(c, s)| *s == Some(Strength::Name) && c.len() > 1,
        &|(_, s)| *s == Some(Strength::Word),
    ];
    for pass in passes {
        for (i, f) in found.iter().enumerate() {
            if roles[i].is_some() || !pass(f) {
                continue;
            }
            if let Some(c) = f.0.iter().find(|c| !taken.contains(c)) {
                taken.push(*c);
                roles[i] = Some(Role::Field(*c));
            }
        }
    }
    // "单位" beside a 牵头单位-less header with no indicator table is the unit in charge, not a measure.
    if let Some(i) = roles.iter().position(|r| *r == Some(Role::Field(Column::Unit))) {
        let indicator_table = taken.iter().any(|c| matches!(c, Column::IndicatorName | Column::Target | Column::Baseline));
        if header_key(&cells[i]) == "单位" && !indicator_table && !taken.contains(&Column::LeadUnit) {
            roles[i] = Some(Role::Field(Column::LeadUnit));
        }
    }
    roles
        .into_iter()
        .zip(cells)
        .zip(&found)
        .map(|((r, cell), (_, strength))| match r {
            Some(role) => (role, if *strength == Some(Strength::Name) { Basis::HeaderName } else { Basis::HeaderWord }),
            None if is_progress_header(cell) => (Role::Keep, Basis::Progress),
            None => (if cell.trim().is_empty() { Role::Ignore } else { Role::Keep }, Basis::Unknown),
        })
        .collect()
}

/// How many fields a row's cells name (a header names several; data rows rarely any).
pub fn fields_named(cells: &[String]) -> usize {
    guess_row(cells).iter().filter(|r| matches!(r, Role::Field(_))).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    fn fields(cells: &[&str]) -> Vec<Role> {
        guess_row(&row(cells))
    }

    use Column::*;
    use Role::{Field, Ignore, Keep};

    #[test]
    fn the_2024_header() {
        let h = ["序号", "类别", "项目名称", "分管市领导", "牵头单位", "牵头单位分管领导", "配合单位", "预计完成时间", "工作计划和进度安排"];
        assert_eq!(
            fields(&h),
            vec![Field(Seq), Field(Category), Field(Name), Field(CityLeader), Field(LeadUnit), Field(LeadUnitLeader), Field(CoUnits), Field(Due), Field(PlanText)]
        );
    }

    #[test]
    fn synonyms_of_other_lists() {
        assert_eq!(
            fields(&["编号", "重点任务", "责任单位", "协同单位", "责任领导", "完成时限", "年度目标"]),
            vec![Field(Seq), Field(Name), Field(LeadUnit), Field(CoUnits), Field(CityLeader), Field(Due), Field(Target)]
        );
        // 责任单位 beside 牵头单位 is the cooperating units, wherever it stands.
        assert_eq!(fields(&["实事项目", "责任单位", "牵头单位"]), vec![Field(Name), Field(CoUnits), Field(LeadUnit)]);
        assert_eq!(fields(&["项目内容", "配合部门", "时间节点"]), vec![Field(Name), Field(CoUnits), Field(Due)]);
        // 目标任务 is the project unless another column names it; then it is the target.
        assert_eq!(fields(&["分管领导", "目标任务"]), vec![Field(CityLeader), Field(Name)]);
        assert_eq!(fields(&["项目名称", "目标任务"]), vec![Field(Name), Field(Target)]);
        assert_eq!(fields(&["牵头领导", "联系领导", "民生实事"]), vec![Field(CityLeader), Keep, Field(Name)]);
        // Progress columns are never a target or a plan.
        assert_eq!(fields(&["项目名称", "形象进度", "进展情况", "累计完成", "目标"]), vec![Field(Name), Keep, Keep, Keep, Field(Target)]);
        assert_eq!(guess_row_with_basis(&row(&["项目", "进展情况", "备注"]))[1..], [(Keep, Basis::Progress), (Keep, Basis::Unknown)]);
    }

    #[test]
    fn notes_in_brackets_marks_and_words() {
        assert_eq!(
            fields(&["*项目名称", "预计完成时间\n（月底）", "工作计划及进度安排（按月）", "2023年实际值", "牵头单位及分管领导"]),
            vec![Field(Name), Field(Due), Field(PlanText), Field(Baseline), Field(LeadUnitLeader)]
        );
    }

    #[test]
    fn indicator_tables_and_the_word_unit() {
        assert_eq!(
            fields(&["序号", "项目名称", "指标名称", "上年实际值", "目标值", "单位", "牵头单位"]),
            vec![Field(Seq), Field(Name), Field(IndicatorName), Field(Baseline), Field(Target), Field(Unit), Field(LeadUnit)]
        );
        // Without an indicator table and without 牵头单位, "单位" is the unit in charge.
        assert_eq!(fields(&["项目", "单位", "完成时间"]), vec![Field(Name), Field(LeadUnit), Field(Due)]);
    }

    #[test]
    fn unknown_columns_are_kept_and_empty_headers_left_out() {
        assert_eq!(fields(&["项目名称", "备注", ""]), vec![Field(Name), Keep, Ignore]);
        // A field comes from one column: the second 配合单位 is kept verbatim.
        assert_eq!(fields(&["项目名称", "配合单位", "配合单位"]), vec![Field(Name), Field(CoUnits), Keep]);
        // Long data cells and sentences are not headers.
        assert_eq!(fields(&["3月底前完成项目选址和前期准备工作，6月底前完成"]), vec![Keep]);
        assert_eq!(fields(&["填表说明：每个项目一行"]), vec![Keep]);
        assert_eq!(fields(&["项目名称："]), vec![Field(Name)]);
    }

    #[test]
    fn mapping_changes_keep_one_column_per_field() {
        let mut m = Mapping {
            header_row: 0,
            columns: ["项目", "单位", "备注"].iter().map(|h| MappedColumn { header: h.to_string(), role: Keep, basis: Basis::Unknown }).collect(),
        };
        m.set(0, Field(Name));
        m.set(2, Field(Name));
        assert_eq!(m.roles(), vec![Keep, Keep, Field(Name)]);
        m.set_by_header("单位", Field(LeadUnit)).unwrap();
        assert_eq!(m.column_of(LeadUnit), Some(1));
        assert_eq!(
            m.set_by_header("责任人", Keep),
            Err(MapError::NoSuchColumn { header: "责任人".into(), columns: vec!["项目".into(), "单位".into(), "备注".into()] })
        );
        let key = m.key();
        assert_eq!(m.clone().with_roles(&[Ignore, Ignore, Ignore]).key(), key, "the key is the header's, not the roles'");
        assert_eq!(m.clone().with_roles(&[Ignore]).roles(), m.roles(), "roles for another header are not applied");
    }

    #[test]
    fn map_arguments() {
        assert_eq!(parse_map_arg("重点任务=项目名称"), Ok(("重点任务".into(), Field(Name))));
        assert_eq!(parse_map_arg("单位=lead_unit"), Ok(("单位".into(), Field(LeadUnit))));
        assert_eq!(parse_map_arg("备注=不导入"), Ok(("备注".into(), Ignore)));
        assert_eq!(parse_map_arg("说明 = 保留"), Ok(("说明".into(), Keep)));
        assert_eq!(parse_map_arg("负责=责任单位"), Ok(("负责".into(), Field(LeadUnit))));
        assert_eq!(parse_map_arg("备注=什么"), Err(MapError::NoSuchField { text: "什么".into() }));
        assert_eq!(parse_map_arg("备注"), Err(MapError::NoSuchField { text: "备注".into() }));
        for r in Role::choices() {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
    }
}
