//! Messages about data, in the user's language: table problems, import errors and plan warnings.
//! (The UI's own labels live in `ui::i18n`; these are here because the command-line importer needs
//! them too.)

pub use crate::i18n::Lang;
use super::import::ImportError;
use super::plan::Warning;
use super::table::{Column, TableError, TableProblem};

pub fn column_name(column: Column, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => column.header(),
        Lang::En => match column {
            Column::Seq => "No.",
            Column::Category => "Category",
            Column::Name => "Project",
            Column::CityLeader => "City leader in charge",
            Column::LeadUnit => "Lead unit",
            Column::LeadUnitLeader => "Lead unit's leader",
            Column::CoUnits => "Cooperating units",
            Column::Due => "Expected completion",
            Column::PlanText => "Work plan and schedule",
        },
    }
}

pub fn table_error(e: &TableError, lang: Lang) -> String {
    let expected: Vec<&str> = Column::ALL.iter().map(|c| column_name(*c, lang)).collect();
    match (e, lang) {
        (TableError::NotText, Lang::Zh) => "这不是文本文件：请从 Word 或 Excel 复制表格后粘贴，或保存为 UTF-8 的 .txt/.tsv/.csv 文件。".into(),
        (TableError::NotText, Lang::En) => "This is not a text file: copy the table from Word or Excel and paste it, or save it as UTF-8 .txt/.tsv/.csv.".into(),
        (TableError::Empty, Lang::Zh) => "内容为空：请粘贴责任清单表格。".into(),
        (TableError::Empty, Lang::En) => "Nothing to read: paste the responsibility-list table.".into(),
        (TableError::NoHeader, Lang::Zh) => format!("找不到表头行。表格应有以下列：{}。", expected.join("、")),
        (TableError::NoHeader, Lang::En) => format!("No header row found. The table needs the columns: {}.", expected.join(", ")),
        (TableError::MissingColumns(cols), _) => {
            let names: Vec<&str> = cols.iter().map(|c| column_name(*c, lang)).collect();
            lang.pick(
                format!("表头缺少这些列：{}。请检查是否复制了整张表格。", names.join("、")),
                format!("The header lacks these columns: {}. Check that the whole table was copied.", names.join(", ")),
            )
        }
        (TableError::NoProjects, Lang::Zh) => "表头下面没有项目行。".into(),
        (TableError::NoProjects, Lang::En) => "There are no project rows below the header.".into(),
    }
}

pub fn import_error(e: &ImportError, lang: Lang) -> String {
    match e {
        ImportError::Table(t) => table_error(t, lang),
        ImportError::NoYear => lang.pick(
            "标题中没有年份（如“2025 年市政府民生实事项目责任清单”）：请在表格前加上标题行，或填写年份。".into(),
            "The title gives no year (as in “2025 年市政府民生实事项目责任清单”): add the title line above the table, or enter the year.".into(),
        ),
    }
}

pub fn table_problem(p: &TableProblem, lang: Lang) -> String {
    match p {
        TableProblem::ShortRow { line, found, expected } => lang.pick(
            format!("第 {line} 行只有 {found} 列（应为 {expected} 列），缺少的单元格按空白处理。"),
            format!("Line {line} has {found} cells ({expected} expected); the missing cells are read as empty."),
        ),
        TableProblem::ExtraCells { line, found, expected } => lang.pick(
            format!("第 {line} 行有 {found} 列（应为 {expected} 列），多出的单元格未读取。"),
            format!("Line {line} has {found} cells ({expected} expected); the extra cells were not read."),
        ),
        TableProblem::MissingField { line, column } => lang.pick(
            if *column == Column::Name {
                format!("第 {line} 行没有{}，该行未导入。", column_name(*column, lang))
            } else {
                format!("第 {line} 行的“{}”为空。", column_name(*column, lang))
            },
            if *column == Column::Name {
                format!("Line {line} has no project name; the line was not imported.")
            } else {
                format!("Line {line}: “{}” is empty.", column_name(*column, lang))
            },
        ),
        TableProblem::NoCategory { line } => lang.pick(
            format!("第 {line} 行之前没有类别，项目归入“（未分类）”。"),
            format!("No category before line {line}; the project is filed under “（未分类）”."),
        ),
        TableProblem::SeqMismatch { line, category, first, now } => lang.pick(
            format!("第 {line} 行：类别“{category}”先前序号为 {first}，此处为 {now}，沿用 {first}。"),
            format!("Line {line}: category “{category}” had number {first} before and {now} here; {first} is kept."),
        ),
        TableProblem::NotANumber { line, text } => lang.pick(
            format!("第 {line} 行的序号“{text}”不是数字。"),
            format!("Line {line}: the number “{text}” is not a number."),
        ),
    }
}

pub fn plan_warning(w: &Warning, lang: Lang) -> String {
    match w {
        Warning::NoDate { text } => lang.pick(
            format!("未找到日期，作为说明保留：“{text}”"),
            format!("No date found; kept as a note: “{text}”"),
        ),
        Warning::BeyondDue { text, date, due } => lang.pick(
            format!("节点日期 {date} 晚于预计完成时间 {due}：“{text}”"),
            format!("Milestone date {date} is later than the expected completion {due}: “{text}”"),
        ),
        Warning::UnreadDue { text } => lang.pick(
            format!("预计完成时间“{text}”无法识别为日期，以最后一个节点为准。"),
            format!("Expected completion “{text}” is not a readable date; the last milestone is used."),
        ),
        Warning::AmbiguousMeasure { text, values, chosen } => match chosen {
            Some(c) => lang.pick(
                format!("一句中有多个数值（{}），取 {c}：“{text}”", values.join("、")),
                format!("Several figures in one sentence ({}); {c} is used: “{text}”", values.join(", ")),
            ),
            None => lang.pick(
                format!("一句中有多个要求（{}），按工作步骤处理：“{text}”", values.join("、")),
                format!("Several requirements in one sentence ({}); treated as a step: “{text}”", values.join(", ")),
            ),
        },
        Warning::UnmatchedQuantity { text, quantity } => lang.pick(
            format!("数值 {quantity} 的单位与任何指标不符，未作为要求：“{text}”"),
            format!("The unit of {quantity} matches no indicator; not used as a requirement: “{text}”"),
        ),
        Warning::NoMilestoneForIndicator { indicator } => lang.pick(
            format!("指标“{indicator}”没有可量化的进度节点，只能以最终目标衡量。"),
            format!("Indicator “{indicator}” has no quantified milestone; only its final target can be checked."),
        ),
        Warning::Decreasing { indicator, text } => lang.pick(
            format!("指标“{indicator}”的节点要求比前一节点低：“{text}”"),
            format!("Indicator “{indicator}” requires less than at the previous milestone: “{text}”"),
        ),
    }
}

pub fn file_error(file: &str, e: &super::format::FileError, lang: Lang) -> String {
    use super::format::FileError as F;
    match e {
        F::TooLarge { bytes, limit } => lang.pick(
            format!("{file}：文件过大（{:.1} MB，上限 {} MB），未读取。", *bytes as f64 / 1e6, limit / 1_000_000),
            format!("{file}: the file is too large ({:.1} MB, limit {} MB) and was not read.", *bytes as f64 / 1e6, limit / 1_000_000),
        ),
        F::NotJson { detail } => lang.pick(
            format!("{file}：不是有效的 JSON 文件（{detail}）。文件可能不完整或已损坏。"),
            format!("{file}: not a valid JSON file ({detail}). It may be truncated or damaged."),
        ),
        F::WrongFormat { expected, found } => {
            let found = found.clone().unwrap_or_else(|| lang.pick("无", "none").to_string());
            lang.pick(
                format!("{file}：文件类型不符（应为 {expected}，实为 {found}）。请选择本应用导出的文件。"),
                format!("{file}: wrong kind of file (expected {expected}, found {found}). Choose a file exported by this app."),
            )
        }
        F::NewerVersion { found, supported } => lang.pick(
            format!("{file}：文件版本 {found} 比本应用支持的版本 {supported} 新，请更新应用后再打开。"),
            format!("{file}: file version {found} is newer than this app supports ({supported}); update the app to open it."),
        ),
        F::BadVersion => lang.pick(
            format!("{file}：缺少有效的版本号（version）。"),
            format!("{file}: the version number is missing or invalid."),
        ),
        F::Shape { detail } => lang.pick(
            format!("{file}：内容结构不符合格式（{detail}）。"),
            format!("{file}: the content does not match the format ({detail})."),
        ),
        F::Inconsistent { detail } => lang.pick(
            format!("{file}：内容前后不一致（{detail}）。"),
            format!("{file}: the content is inconsistent ({detail})."),
        ),
    }
}

pub fn input_error(e: &super::validate::InputError, lang: Lang) -> String {
    use super::plan::format_number;
    use super::validate::InputError as E;
    match e {
        E::Empty => lang.pick("请填写数值。".into(), "Enter a value.".into()),
        E::NotANumber { text } => lang.pick(format!("“{text}”不是数字，请只填写数字。"), format!("“{text}” is not a number; enter digits only.")),
        E::Negative => lang.pick("数值不能为负。".into(), "The value cannot be negative.".into()),
        E::AboveTarget { limit, unit } => lang.pick(
            format!("数值超过目标的 1.5 倍（{}{unit}），请核对。", format_number(*limit)),
            format!("The value exceeds 1.5 × the target ({} {unit}); please check.", format_number(*limit)),
        ),
        E::RateAbove100 => lang.pick("比率不能超过 100%。".into(), "A rate cannot exceed 100%.".into()),
        E::DateOutsideYear { year } => lang.pick(format!("日期须在 {year} 年内。"), format!("The date must be in {year}.")),
        E::DateInFuture { today } => lang.pick(format!("日期不能晚于今天（{today}）。"), format!("The date cannot be after today ({today}).")),
        E::NotADate { text } => lang.pick(format!("“{text}”不是有效日期（年-月-日）。"), format!("“{text}” is not a valid date (YYYY-MM-DD).")),
    }
}

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A milestone date as plans write it: "9月底" for a month end, "5月18日" otherwise.
pub fn when(date: super::date::Date, lang: Lang) -> String {
    let m = date.month();
    match (lang, date.is_month_end()) {
        (Lang::Zh, true) => format!("{m}月底"),
        (Lang::Zh, false) => format!("{m}月{}日", date.day()),
        (Lang::En, true) => format!("end of {}", MONTHS_EN[usize::from(m - 1)]),
        (Lang::En, false) => format!("{} {}", date.day(), MONTHS_EN[usize::from(m - 1)]),
    }
}

pub fn month_name(month: u8, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{month}月"),
        Lang::En => MONTHS_EN.get(usize::from(month.max(1) - 1)).copied().unwrap_or("?").to_string(),
    }
}

pub fn light_label(light: super::status::Light, overdue: bool, lang: Lang) -> &'static str {
    use super::status::Light as L;
    match (light, overdue, lang) {
        (L::Done, _, Lang::Zh) => "已完成",
        (L::OnTrack, _, Lang::Zh) => "正常",
        (L::Behind, _, Lang::Zh) => "滞后",
        (L::Serious, true, Lang::Zh) => "逾期",
        (L::Serious, false, Lang::Zh) => "严重滞后",
        (L::NotReported, _, Lang::Zh) => "未填报",
        (L::Done, _, Lang::En) => "Completed",
        (L::OnTrack, _, Lang::En) => "On track",
        (L::Behind, _, Lang::En) => "Behind",
        (L::Serious, true, Lang::En) => "Overdue",
        (L::Serious, false, Lang::En) => "Seriously behind",
        (L::NotReported, _, Lang::En) => "Not reported",
    }
}

/// A value with its unit as the plan writes it ("100个", "6万人", "81%").
pub fn amount(value: f64, unit: &str) -> String {
    format!("{}{unit}", super::plan::format_number(value))
}

pub fn reason(r: &super::status::Reason, lang: Lang) -> String {
    use super::status::Reason as R;
    match r {
        R::Completed => lang.pick("已完成全部目标。".into(), "All targets reached.".into()),
        R::Shortfall { due, indicator, unit, required, actual } => lang.pick(
            format!("{}应≥{}，实际{}，差{}（{indicator}）", when(*due, lang), amount(*required, unit), amount(*actual, unit), amount(required - actual, unit)),
            format!("{}: ≥{} required, {} reported, {} short ({indicator})", when(*due, lang), amount(*required, unit), amount(*actual, unit), amount(required - actual, unit)),
        ),
        R::StepLate { due, text, days } => lang.pick(
            format!("{}应完成“{text}”，已逾期 {days} 天", when(*due, lang)),
            format!("“{text}” was due {}; {days} days late", when(*due, lang)),
        ),
        R::NotReported { due, what } => lang.pick(
            format!("{}节点“{what}”未填报", when(*due, lang)),
            format!("Nothing reported for “{what}” due {}", when(*due, lang)),
        ),
        R::Overdue { due } => lang.pick(
            format!("已过预计完成时间（{}）仍未完成", when(*due, lang)),
            format!("Past its due date ({}) and not completed", when(*due, lang)),
        ),
        R::AllMet { next: Some(next) } => lang.pick(
            format!("到期节点均已完成；下一节点 {}", when(*next, lang)),
            format!("All milestones due are met; next: {}", when(*next, lang)),
        ),
        R::AllMet { next: None } => lang.pick("到期节点均已完成。".into(), "All milestones due are met.".into()),
        R::NothingDue { first: Some(first) } => lang.pick(
            format!("尚无到期节点；首个节点 {}", when(*first, lang)),
            format!("Nothing due yet; first milestone {}", when(*first, lang)),
        ),
        R::NothingDue { first: None } => lang.pick("尚无到期节点。".into(), "Nothing due yet.".into()),
        R::NoReports { due } => lang.pick(
            format!("{due} 个节点已到期，尚无任何填报"),
            format!("{due} milestone checks are due and nothing has been reported"),
        ),
    }
}

pub fn projection(p: &super::status::Projection, lang: Lang) -> String {
    lang.pick(
        format!(
            "按当前进度，{}约完成 {}，低于节点要求 {}；{}约完成 {}/{}",
            when(p.at, lang),
            amount(p.projected.round(), &p.unit),
            amount(p.required, &p.unit),
            when(p.due, lang),
            super::plan::format_number(p.projected_at_due.round()),
            amount(p.target, &p.unit)
        ),
        format!(
            "At the current pace about {} by {}, short of the required {}; about {}/{} by {}",
            amount(p.projected.round(), &p.unit),
            when(p.at, lang),
            amount(p.required, &p.unit),
            super::plan::format_number(p.projected_at_due.round()),
            amount(p.target, &p.unit),
            when(p.due, lang)
        ),
    )
}

/// What a milestone requires, in words ("≥100个", "30%", "达到81%", "全面完成", "工作步骤").
pub fn requirement(m: &super::plan::Milestone, project: &super::plan::Project, lang: Lang) -> String {
    use super::plan::Requirement as R;
    let unit = m.indicator.as_ref().and_then(|i| project.indicator(i)).map(|i| i.unit.clone()).unwrap_or_default();
    let scope = match &m.indicator {
        Some(i) => project.indicator(i).map(|i| i.name.clone()).unwrap_or_default(),
        None if project.indicators.len() > 1 => lang.pick("各项指标", "every indicator").to_string(),
        None => String::new(),
    };
    let core = match &m.requirement {
        R::AtLeast { value } => format!("≥{}", amount(*value, &unit)),
        R::Share { percent } => lang.pick(format!("完成 {}%", super::plan::format_number(*percent)), format!("{}% done", super::plan::format_number(*percent))),
        R::RateValue { percent } => lang.pick(format!("达到 {}%", super::plan::format_number(*percent)), format!("reach {}%", super::plan::format_number(*percent))),
        R::Complete => lang.pick("全面完成", "fully complete").to_string(),
        R::Step => return lang.pick("工作步骤（完成/未完成）", "step (done / not done)").to_string(),
    };
    if scope.is_empty() {
        core
    } else {
        format!("{core}（{scope}）")
    }
}

/// A short label of a milestone's requirement for markers ("≥100个", "50%").
pub fn requirement_short(m: &super::plan::Milestone, project: &super::plan::Project, lang: Lang) -> String {
    use super::plan::Requirement as R;
    let unit = m.indicator.as_ref().and_then(|i| project.indicator(i)).map(|i| i.unit.clone()).unwrap_or_default();
    match &m.requirement {
        R::AtLeast { value } => format!("≥{}", amount(*value, &unit)),
        R::Share { percent } | R::RateValue { percent } => format!("{}%", super::plan::format_number(*percent)),
        R::Complete => lang.pick("完成", "done").to_string(),
        R::Step => String::new(),
    }
}

pub fn milestone_state(state: super::status::MilestoneState, lang: Lang) -> &'static str {
    use super::status::MilestoneState as S;
    match (state, lang) {
        (S::Met, Lang::Zh) => "已达成",
        (S::Missed { minor: true }, Lang::Zh) => "滞后",
        (S::Missed { minor: false }, Lang::Zh) => "严重滞后",
        (S::NotReported, Lang::Zh) => "未填报",
        (S::DueSoon, Lang::Zh) => "临期",
        (S::Future, Lang::Zh) => "未到期",
        (S::Met, Lang::En) => "Met",
        (S::Missed { minor: true }, Lang::En) => "Behind",
        (S::Missed { minor: false }, Lang::En) => "Seriously behind",
        (S::NotReported, Lang::En) => "Not reported",
        (S::DueSoon, Lang::En) => "Due soon",
        (S::Future, Lang::En) => "Not yet due",
    }
}

pub fn indicator_kind(kind: super::plan::IndicatorKind, lang: Lang) -> &'static str {
    use super::plan::IndicatorKind as K;
    match (kind, lang) {
        (K::Count, Lang::Zh) => "累计数",
        (K::Level, Lang::Zh) => "达到水平",
        (K::Rate, Lang::Zh) => "比率",
        (K::Qualitative, Lang::Zh) => "定性",
        (K::Count, Lang::En) => "cumulative count",
        (K::Level, Lang::En) => "level reached",
        (K::Rate, Lang::En) => "rate",
        (K::Qualitative, Lang::En) => "qualitative",
    }
}
