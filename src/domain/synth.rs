//! A deterministic synthetic plan and ledger (seeded) for benchmarks and scale tests: N projects with
//! realistic names, units and 3–8 milestones each, written as a responsibility-list table and read by
//! the real importer, plus a progress ledger of monthly reports.
//!
//! Invariant: deterministic from the seed; used by benchmarks and tests only, never by the app.

use super::date::Date;
use super::import::import_list;
use super::ledger::{Entry, Ledger, Reported, Subject};
use super::plan::{Plan, Requirement};

/// xorshift64*: small, fast and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn choose<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const DISTRICTS: &[&str] = &[
    "上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区", "富阳区", "临安区", "桐庐县", "淳安县", "建德市",
];
const WORKS: &[(&str, &str, &str, u32, u32)] = &[
    ("新增", "老年助餐服务点", "个", 20, 300),
    ("改造", "城镇老旧小区", "个", 10, 200),
    ("新建", "口袋公园", "个", 5, 80),
    ("培训", "数字技能人才", "人次", 500, 20000),
    ("新建", "新能源汽车公共充电桩", "个", 100, 5000),
    ("提升", "农贸市场", "家", 5, 60),
    ("完成", "农村公路养护", "公里", 20, 800),
    ("新增", "公共停车泊位", "个", 200, 8000),
    ("建成", "社区嵌入式托育点", "家", 5, 120),
    ("加装", "老旧住宅电梯", "台", 50, 1500),
    ("新增", "城市书房", "家", 3, 40),
    ("建设", "幸福河湖", "公里", 10, 200),
    ("新建", "群众身边体育健身设施", "处", 20, 400),
    ("完成", "二次供水设施改造", "个", 10, 250),
    ("推出", "保障性租赁住房", "套", 500, 10000),
    ("开展", "青少年公益培训", "堂", 100, 2000),
];
const CATEGORIES: &[&str] = &[
    "“幸福助老”", "“弱有众扶”", "“春雨计划”", "“美好家园”", "“快乐成长”", "“出行无忧”", "“畅享食安”", "“温暖守护”", "“强文健体”", "“城乡共富”",
];
const UNITS: &[&str] = &[
    "市民政局", "市卫生健康委员会", "市医疗保障局", "市残联", "市住保房管局", "市人力社保局", "市建委", "市园文局", "市生态环境局", "市林水局",
    "市教育局", "团市委", "市体育局", "市交通运输局", "市综合行政执法局", "市市场监管局", "市文化广电旅游局", "市农业农村局", "市供销社",
    "市商务局", "市财政局", "市发改委", "市规划和自然资源局", "市公安局", "市司法局", "市经信局", "市数据资源局", "市城管局", "市应急管理局", "市妇联",
];
const LEADERS: &[&str] = &["方毅", "丁狄刚", "陈卫强", "宦金元", "王宏", "李明"];
const PEOPLE: &[&str] = &["吴金富", "王旭初", "周利光", "韩君卿", "杨焕", "严岗", "唐宇力", "黄健勇", "高宁", "漆宪忠", "胡斌", "张洪阁"];
const STEPS: &[&str] = &["确定项目点位以及实施名单", "开展项目设计及招标", "下达任务指标", "完成摸底排查", "组织验收"];

/// The responsibility-list table of a synthetic plan with `n` projects.
pub fn synthetic_table(n: usize, seed: u64, year: i32) -> String {
    let mut rng = Rng::new(seed);
    let mut out = format!(
        "{year} 年民生实事项目责任清单（模拟 {n} 项）\n序号\t类别\t项目名称\t分管市领导\t牵头单位\t牵头单位分管领导\t配合单位\t预计完成时间\t工作计划和进度安排\n"
    );
    let per_category = n.div_ceil(CATEGORIES.len()).max(1);
    for k in 0..n {
        let cat = k / per_category;
        let (verb, object, unit, lo, hi) = *rng.choose(WORKS);
        let target = lo + (rng.below((hi - lo) as usize + 1) as u32);
        let district = rng.choose(DISTRICTS);
        let name = format!("{district}{verb}{object} {target} {unit}（第{}批）", k + 1);
        let lead = rng.choose(UNITS);
        let co: Vec<&str> = (0..1 + rng.below(4)).map(|_| *rng.choose(UNITS)).filter(|u| u != lead).collect();
        let milestones = 3 + rng.below(6);
        let due_month = 9 + rng.below(4) as u8;
        let mut months: Vec<u8> = (2..due_month).collect();
        while months.len() > milestones - 1 {
            months.remove(rng.below(months.len()));
        }
        let mut parts: Vec<String> = Vec::new();
        let steps = 1 + rng.below(2).min(months.len().saturating_sub(1));
        for (j, m) in months.iter().enumerate() {
            if j < steps {
                parts.push(format!("{m}月底前{}", rng.choose(STEPS)));
            } else {
                let share = (j + 1) as f64 / (months.len() + 1) as f64;
                let value = ((f64::from(target) * share).round() as u32).max(1);
                parts.push(format!("{m}月底前完成{object}不少于 {value} {unit}"));
            }
        }
        parts.push(format!("{due_month}月底前全面完成"));
        let (seq, category) = if k % per_category == 0 { ((cat + 1).to_string(), format!("{}在杭州", CATEGORIES[cat % CATEGORIES.len()])) } else { (String::new(), String::new()) };
        out.push_str(&format!(
            "{seq}\t{category}\t{name}\t{}\t{lead}\t{}\t{}\t{due_month}月底\t{}。\n",
            rng.choose(LEADERS),
            rng.choose(PEOPLE),
            co.join("、"),
            parts.join("；")
        ));
    }
    out
}

pub fn synthetic_plan(n: usize, seed: u64, year: i32) -> Plan {
    import_list(&synthetic_table(n, seed, year), None).map(|i| i.plan).unwrap_or_else(|_| Plan {
        id: String::new(),
        year,
        title: String::new(),
        categories: Vec::new(),
        projects: Vec::new(),
    })
}

/// Monthly reports up to `until`: each project's lead unit reports its cumulative values (some ahead,
/// some behind plan) and ticks its steps.
pub fn synthetic_ledger(plan: &Plan, seed: u64, until: Date) -> Ledger {
    let mut rng = Rng::new(seed ^ 0xABCD);
    let mut ledger = Ledger::default();
    let mut n = 0u64;
    for p in &plan.projects {
        let pace = 0.6 + rng.unit() * 0.6;
        let silent = rng.below(10) == 0;
        if silent {
            continue;
        }
        for month in 1..=until.month() {
            let Some(as_of) = Date::month_end(plan.year, month) else { continue };
            if as_of > until {
                break;
            }
            for ind in p.indicators.iter().filter(|i| i.is_quantitative()) {
                let share = (f64::from(month) / 11.0 * pace).min(1.0);
                let value = (ind.target.unwrap_or(0.0) * share).round();
                n += 1;
                ledger.add(entry(p, Subject::Indicator(ind.id.clone()), Reported::Value(value), as_of, n));
            }
            for m in p.milestones.iter().filter(|m| m.requirement == Requirement::Step && m.due.month() == month) {
                n += 1;
                ledger.add(entry(p, Subject::Milestone(m.id.clone()), Reported::Done(rng.below(5) > 0), as_of, n));
            }
        }
    }
    ledger
}

fn entry(p: &super::plan::Project, subject: Subject, reported: Reported, as_of: Date, n: u64) -> Entry {
    Entry {
        id: format!("syn-{n:08}"),
        project: p.id.clone(),
        subject,
        reported,
        as_of,
        note: String::new(),
        unit: p.lead_unit.to_string(),
        person: String::new(),
        recorded_at: format!("{as_of}T18:00:00.000Z"),
        supersedes: None,
        deleted: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_well_formed() {
        let a = synthetic_plan(300, 7, 2024);
        let b = synthetic_plan(300, 7, 2024);
        assert_eq!(a, b);
        assert_ne!(a, synthetic_plan(300, 8, 2024));
        assert_eq!(a.projects.len(), 300);
        assert_eq!(a.categories.len(), 10);
        for p in &a.projects {
            assert!((3..=8).contains(&p.milestones.len()), "{} has {}", p.name, p.milestones.len());
            assert!(p.warnings.is_empty(), "{}: {:?}", p.name, p.warnings);
            assert!(p.indicators[0].is_quantitative());
        }
        let ledger = synthetic_ledger(&a, 7, Date::new(2024, 9, 30).unwrap());
        assert!(ledger.entries.len() > 300 * 5);
        let view = super::super::ledger::LedgerView::new(&a, &ledger);
        assert!(view.issues.is_empty());
    }
}
