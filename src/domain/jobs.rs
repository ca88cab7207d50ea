//! Work done by the worker modules, loaded on demand: the code that most visits never run stays out of
//! the first load, and heavy work leaves the page's thread. A job travels as JSON; its result comes
//! back as bytes. Each job has one module ([`Module`]): the office-file readers (calamine, zip, XML),
//! the workbook writer and the 公开版's writer are three binaries (`src/bin/office_reader.rs`,
//! `src/bin/xlsx_writer.rs`, `src/bin/site_writer.rs`), so a visit downloads only the one it uses.
//!
//! Invariant: what the jobs are and how they run, natively testable; nothing of workers or messages
//! (that is `ui/worker.rs` and the worker binaries).

use super::office::read_office;
use super::workbook::{write_xlsx, Book};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum Job {
    /// The 台账 as an .xlsx file.
    Xlsx { book: Book },
    /// The sheets of a workbook or a Word document given as the job's input bytes; the result is
    /// JSON: `{"Ok": [sheet…]}` or `{"Err": {"error": …}}`.
    ReadOffice { name: String },
    /// The 公开版 (`domain::publish`): the input is the plan file (its first `plan_bytes` bytes) and a
    /// progress file of the whole ledger; the result is the site as a zip, or with `preview` the JSON of
    /// its [`Summary`](super::publish::Summary).
    /// `lang`: the language of the preview's words.
    Publish { options: super::publish::Options, office: String, settings: super::status::Settings, plan_bytes: usize, preview: bool, lang: String },
}

/// The worker module that runs a job. Each links only its own job's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Module {
    /// `src/bin/office_reader.rs`: workbooks and Word documents read into sheets.
    OfficeReader,
    /// `src/bin/xlsx_writer.rs`: the 台账 written as .xlsx.
    XlsxWriter,
    /// `src/bin/site_writer.rs`: the 公开版 written as a zip (the list judged, its pages, codes).
    SiteWriter,
}

impl Module {
    /// The script a `Worker` starts (trunk's loader shim for the binary of that name).
    pub fn loader(self) -> &'static str {
        match self {
            Module::OfficeReader => "./office_reader_loader.js",
            Module::XlsxWriter => "./xlsx_writer_loader.js",
            Module::SiteWriter => "./site_writer_loader.js",
        }
    }
}

impl Job {
    pub fn module(&self) -> Module {
        match self {
            Job::Xlsx { .. } => Module::XlsxWriter,
            Job::Publish { .. } => Module::SiteWriter,
            Job::ReadOffice { .. } => Module::OfficeReader,
        }
    }
}

fn parse(job: &str, module: Module) -> Result<Job, String> {
    let job: Job = serde_json::from_str(job).map_err(|e| format!("job: {e}"))?;
    if job.module() != module {
        return Err(format!("job: runs in {:?}, not in {module:?}", job.module()));
    }
    Ok(job)
}

/// The office reader's entry: runs a [`Job::ReadOffice`] given as JSON over `input` (the file's
/// bytes); the JSON of its sheets or of why the file can't be read. Any other job is refused.
pub fn run_reader_json(job: &str, input: &[u8]) -> Result<Vec<u8>, String> {
    match parse(job, Module::OfficeReader)? {
        Job::ReadOffice { name } => serde_json::to_vec(&read_office(&name, input)).map_err(|e| e.to_string()),
        _ => unreachable!("parse keeps the reader's jobs"),
    }
}

/// The workbook writer's entry: runs a [`Job::Xlsx`] given as JSON; the .xlsx file's bytes. Any
/// other job is refused.
pub fn run_writer_json(job: &str) -> Result<Vec<u8>, String> {
    match parse(job, Module::XlsxWriter)? {
        Job::Xlsx { book } => write_xlsx(&book),
        _ => unreachable!("parse keeps the writer's jobs"),
    }
}

/// The site writer's entry: runs a [`Job::Publish`] given as JSON over `input` (the plan file, then a
/// progress file); the zip, or the preview's JSON. Any other job is refused.
pub fn run_site_json(job: &str, input: &[u8]) -> Result<Vec<u8>, String> {
    match parse(job, Module::SiteWriter)? {
        Job::Publish { options, office, settings, plan_bytes, preview, lang } => {
            let (plan, progress) = input.split_at(plan_bytes.min(input.len()));
            let plan = super::format::read_plan_bytes(plan).map_err(|e| format!("plan: {e:?}"))?;
            let progress = std::str::from_utf8(progress).map_err(|e| format!("progress: {e}"))?;
            let ledger = super::exchange::read_progress_file(progress).map_err(|e| format!("progress: {e:?}"))?.ledger;
            let published = super::publish::publish(&plan, &ledger, &office, &settings, &options);
            let site = super::publish::site(&published);
            if preview {
                serde_json::to_vec(&super::publish::Summary::of(&published, &site, crate::i18n::Lang::from_code(&lang).unwrap_or_default())).map_err(|e| e.to_string())
            } else {
                super::publish::zip(&site, &super::publish::folder(&published))
            }
        }
        _ => unreachable!("parse keeps the site writer's jobs"),
    }
}

/// Reads a [`Job::ReadOffice`] result.
pub fn office_result(bytes: &[u8]) -> Result<Result<Vec<super::table::Sheet>, super::office::SourceError>, String> {
    serde_json::from_slice(bytes).map_err(|e| e.to_string())
}

pub fn to_json(job: &Job) -> String {
    serde_json::to_string(job).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workbook::{Cell, Column, Sheet};

    #[test]
    fn a_job_round_trips_as_json_and_runs() {
        let book = Book {
            sheets: vec![Sheet {
                name: "台账".into(),
                title: "标题".into(),
                columns: vec![Column { header: "项目".into(), width: 20.0 }],
                rows: vec![vec![Cell::Text("甲".into())]],
            }],
        };
        let write = Job::Xlsx { book };
        assert_eq!(write.module(), Module::XlsxWriter);
        let json = to_json(&write);
        let bytes = run_writer_json(&json).unwrap();
        assert_eq!(&bytes[..2], b"PK", "a zip file");
        assert!(run_writer_json("{\"job\":\"nothing\"}").unwrap_err().starts_with("job: "));
        assert!(run_reader_json("{\"job\":\"nothing\"}", &[]).unwrap_err().starts_with("job: "));
        // Each module refuses the other's job rather than run it.
        assert!(run_reader_json(&json, &[]).unwrap_err().contains("XlsxWriter"));
        // The workbook just written, read back as a list's sheets through the reader's job.
        let read_job = Job::ReadOffice { name: "台账.xlsx".into() };
        assert_eq!(read_job.module(), Module::OfficeReader);
        assert!(run_writer_json(&to_json(&read_job)).unwrap_err().contains("OfficeReader"));
        let read = run_reader_json(&to_json(&read_job), &bytes).unwrap();
        let sheets = office_result(&read).unwrap().unwrap();
        assert_eq!(sheets[0].name, "台账");
        assert!(sheets[0].rows.iter().any(|r| r.cells.contains(&"甲".to_string())));
        assert_ne!(Module::OfficeReader.loader(), Module::XlsxWriter.loader());
        let bad = run_reader_json(&to_json(&Job::ReadOffice { name: "x.pdf".into() }), b"%PDF-1.4").unwrap();
        assert_eq!(office_result(&bad).unwrap(), Err(crate::domain::office::SourceError::Pdf));
    }

    #[test]
    fn the_public_site_is_written_from_the_plan_and_progress_files_given() {
        use crate::domain::exchange::{write_progress_file, PlanRef};
        use crate::domain::publish::{BaseUrl, Options, Summary};
        let plan = crate::domain::fixtures::list("1\t甲类\t新增示范点 100 个\t张三\t市A局\t李四\t\t11月底\t6月底前完成不少于 40 个；11月底前全面完成。\n");
        let mut ledger = crate::domain::ledger::Ledger::default();
        let p = &plan.projects[0];
        let mut e = crate::domain::fixtures::entry("e1", &p.id, crate::domain::ledger::Subject::Indicator(p.indicators[0].id.clone()), crate::domain::ledger::Reported::Value(45.0), crate::domain::fixtures::d(6, 30), "市A局");
        e.recorded_at = "2024-06-30T10:00:00.000Z".into();
        ledger.add(e);
        let plan_file = crate::domain::format::write_plan_file_compact(&plan);
        let mut input = plan_file.clone().into_bytes();
        input.extend_from_slice(write_progress_file(&PlanRef::of(&plan), &ledger, "2024-07-01T00:00:00.000Z", None).as_bytes());
        let options = Options { date: crate::domain::fixtures::d(6, 30), title: "公开".into(), base_url: BaseUrl::parse("https://a.gov.cn/x").unwrap(), progress_text: true };
        let job = |preview| Job::Publish { options: options.clone(), office: "督查室".into(), settings: Default::default(), plan_bytes: plan_file.len(), preview, lang: "zh".into() };
        assert_eq!(job(true).module(), Module::SiteWriter);
        assert!(run_writer_json(&to_json(&job(true))).unwrap_err().contains("SiteWriter"), "the workbook writer refuses it");
        let summary: Summary = serde_json::from_slice(&run_site_json(&to_json(&job(true)), &input).unwrap()).unwrap();
        assert_eq!((summary.projects, summary.progress, summary.reviewed), (1, true, false));
        assert_eq!(summary.lights, vec![("ok".to_string(), "正常推进".to_string(), 1)]);
        assert!(summary.files > 10 && summary.bytes > 10_000, "{summary:?}");
        let zip = run_site_json(&to_json(&job(false)), &input).unwrap();
        assert_eq!(&zip[..2], b"PK");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        assert_eq!(archive.len(), summary.files);
        let mut index = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(&format!("{}/index.html", summary.folder)).unwrap(), &mut index).unwrap();
        assert!(index.contains("新增示范点 100 个"));
        // A progress file cut short is refused, not published as an empty ledger.
        assert!(run_site_json(&to_json(&job(true)), &input[..input.len() - 5]).unwrap_err().starts_with("progress: "));
    }
}
