//! The UI's words, one table per language. Pure data: the views and the pure text generators
//! (bulletin, slides, CSV headers) read from here; no string shown to users is written inline.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" | "zh-CN" | "zh-Hans" => Some(Lang::Zh),
            "en" | "en-US" | "en-GB" => Some(Lang::En),
            _ => None,
        }
    }

    /// The `lang` attribute of the document.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Picks the Chinese or the English text.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn t(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// Every fixed UI string. A language that misses one does not compile.
pub struct Strings {
    pub app_title: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub load_failed_hint: &'static str,
    pub retry: &'static str,
    pub lang_switch: &'static str,
    pub col_seq: &'static str,
    pub col_category: &'static str,
    pub col_name: &'static str,
    pub col_city_leader: &'static str,
    pub col_lead_unit: &'static str,
    pub col_lead_unit_leader: &'static str,
    pub col_co_units: &'static str,
    pub col_due: &'static str,
    pub col_plan: &'static str,
    pub projects_count: &'static str,
    pub categories_count: &'static str,
}

pub static ZH: Strings = Strings {
    app_title: "民生实事项目进度",
    loading: "正在加载清单…",
    load_failed: "清单加载失败",
    load_failed_hint: "请检查网址是否正确，或联系发布方。已保存的填报数据不受影响。",
    retry: "重试",
    lang_switch: "English",
    col_seq: "序号",
    col_category: "类别",
    col_name: "项目名称",
    col_city_leader: "分管市领导",
    col_lead_unit: "牵头单位",
    col_lead_unit_leader: "牵头单位分管领导",
    col_co_units: "配合单位",
    col_due: "预计完成时间",
    col_plan: "工作计划和进度安排",
    projects_count: "共 {n} 项",
    categories_count: "{n} 个类别",
};

pub static EN: Strings = Strings {
    app_title: "Public-Service Projects Tracker",
    loading: "Loading the list…",
    load_failed: "The list could not be loaded",
    load_failed_hint: "Check the address, or contact the publisher. Progress saved in this browser is not affected.",
    retry: "Retry",
    lang_switch: "中文",
    col_seq: "No.",
    col_category: "Category",
    col_name: "Project",
    col_city_leader: "City leader",
    col_lead_unit: "Lead unit",
    col_lead_unit_leader: "Lead unit's leader",
    col_co_units: "Cooperating units",
    col_due: "Due",
    col_plan: "Work plan and schedule",
    projects_count: "{n} projects",
    categories_count: "{n} categories",
};

/// Fills `{n}`-style placeholders.
pub fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in pairs {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}
