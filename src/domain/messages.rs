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
