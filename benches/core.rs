//! Native timings of the pure core on synthetic lists (`make bench` runs it before the browser bench).
//! Prints figures; asserts nothing.
// Native timings sort as they like: the one-routine rule (clippy.toml) is about the wasm.
#![allow(clippy::disallowed_methods)]

use minsheng::domain::date::Date;
use minsheng::domain::exchange::{preview_merge, read_progress_file, write_progress_file, PlanRef};
use minsheng::domain::import::import_list;
use minsheng::domain::format::{read_plan_file, write_plan_file_compact, PlanPieces};
use minsheng::domain::packed::{read_packed, write_packed};
use minsheng::domain::ledger::LedgerView;
use minsheng::domain::query::{filter, Filters, SearchIndex};
use minsheng::domain::status::{evaluate_all, Settings};
use minsheng::domain::synth::{synthetic_ledger, synthetic_plan};
use std::time::Instant;

fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let v = f();
    (v, start.elapsed().as_secs_f64() * 1000.0)
}

/// The size of a department's yearly export for the 2024 list (48 projects × 12 month-ends) and the
/// time to read and merge it.
fn exchange_figures() {
    let plan = import_list(include_str!("../tests/fixtures/hangzhou-2024.txt"), None).expect("seed").plan;
    let ledger = synthetic_ledger(&plan, 2024, Date::new(2024, 12, 31).expect("date"));
    let text = write_progress_file(&PlanRef::of(&plan), &ledger, "2025-01-05T00:00:00.000Z", None);
    let (file, read_ms) = time(|| read_progress_file(&text).expect("reads"));
    let (preview, merge_ms) = time(|| preview_merge(&plan, &Default::default(), &[file]));
    let view = LedgerView::new(&plan, &ledger);
    let (_, status_ms) = time(|| evaluate_all(&plan, &view, Date::new(2024, 9, 30).expect("date"), &Settings::default()));
    // The browser bench imports this file through the exchange view.
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/results");
    let _ = std::fs::create_dir_all(&out).and_then(|_| std::fs::write(out.join("progress-2024-12m.json"), &text));
    println!(
        "2024 list, 12 month-ends: {} entries, export {:.1} KB (pretty-printed JSON); read {read_ms:.1} ms, preview+merge {merge_ms:.1} ms, {} new; all 48 statuses {status_ms:.2} ms",
        ledger.entries.len(),
        text.len() as f64 / 1024.0,
        preview.new_entries
    );
}

/// The review loop's cost on each ledger change at 10,000 projects: the ledger read with the loop
/// (`flow::judge`) beside the ledger view alone, and the 审核 queue with the count on its tab.
fn loop_figures() {
    use minsheng::domain::flow::{judge, DEFAULT_OFFICE};
    for n in [1_000usize, 10_000] {
        let plan = synthetic_plan(n, 2024, 2024);
        let ledger = synthetic_ledger(&plan, 2024, Date::new(2024, 9, 30).expect("date"));
        let mut alone = Vec::new();
        let mut with_loop = Vec::new();
        let mut queue = Vec::new();
        let mut waiting = 0;
        for _ in 0..7 {
            alone.push(time(|| LedgerView::new(&plan, &ledger)).1);
            let ((flow, _), ms) = time(|| judge(&plan, &ledger, DEFAULT_OFFICE, false));
            with_loop.push(ms);
            let (w, q_ms) = time(|| (flow.waiting(&plan).len(), flow.waiting_count()));
            waiting = w.0;
            queue.push(q_ms);
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            (v[v.len() / 2], v[0], v[v.len() - 1])
        };
        let ((a, a_lo, a_hi), (j, j_lo, j_hi), (q, q_lo, q_hi)) = (median(&mut alone), median(&mut with_loop), median(&mut queue));
        println!(
            "review loop, {n} projects, {} entries: ledger view alone {a:.1} ms ({a_lo:.1}–{a_hi:.1}), with the loop (judge) {j:.1} ms ({j_lo:.1}–{j_hi:.1}), ratio {:.2}; 审核 queue of {waiting} reports and the tab's count {q:.1} ms ({q_lo:.1}–{q_hi:.1}); 7 rounds, median (min–max)",
            ledger.entries.len(),
            j / a
        );
    }
}

/// 公开版: the 2024 list's site with a year of reports (its size, a project page's gzip size, the zip),
/// and the time to publish 10,000 projects (reading, pages, codes, zip).
fn publish_figures() {
    use minsheng::domain::publish::{self, BaseUrl, Options};
    use std::io::Write;
    let gzip = |bytes: &[u8]| {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).expect("gzip");
        e.finish().expect("gzip").len()
    };
    let options = |year| Options {
        date: Date::new(year, 10, 31).expect("date"),
        title: "民生实事项目进展".into(),
        base_url: BaseUrl::parse("https://www.example.gov.cn/msss/2024/").expect("address"),
        progress_text: true,
    };
    let plan = read_plan_file(include_str!("../data/plan-2024.json")).expect("the 2024 list");
    let ledger = synthetic_ledger(&plan, 2024, Date::new(2024, 10, 31).expect("date"));
    let published = publish::publish(&plan, &ledger, "督查室", &Settings::default(), &options(2024));
    let site = publish::site(&published);
    let total: usize = site.iter().map(|(_, b)| b.len()).sum();
    let zip = publish::zip(&site, "site").expect("zip");
    let mut pages: Vec<(usize, &str)> = site.iter().filter(|(p, _)| p.ends_with(".html")).map(|(p, b)| (gzip(b), p.as_str())).collect();
    pages.sort();
    let projects: Vec<usize> = pages.iter().filter(|(_, p)| p.starts_with("p/")).map(|(n, _)| *n).collect();
    let (largest, largest_name) = pages[pages.len() - 1];
    println!(
        "公开版, the 2024 list (48 projects) with reports to 10月: {} files, {:.1} KB ({:.1} KB as the zip); a project page {:.1}–{:.1} KB gzip (median {:.1}); the largest page {largest_name} {:.1} KB gzip",
        site.len(),
        total as f64 / 1024.0,
        zip.len() as f64 / 1024.0,
        projects[0] as f64 / 1024.0,
        projects[projects.len() - 1] as f64 / 1024.0,
        projects[projects.len() / 2] as f64 / 1024.0,
        largest as f64 / 1024.0
    );
    let plan = synthetic_plan(10_000, 2024, 2024);
    let ledger = synthetic_ledger(&plan, 2024, Date::new(2024, 10, 31).expect("date"));
    let mut rounds = Vec::new();
    let mut size = (0, 0);
    for _ in 0..3 {
        let ((files, bytes), ms) = time(|| {
            let published = publish::publish(&plan, &ledger, "督查室", &Settings::default(), &options(2024));
            let site = publish::site(&published);
            let zip = publish::zip(&site, "site").expect("zip");
            (site.len(), zip.len())
        });
        size = (files, bytes);
        rounds.push(ms);
    }
    rounds.sort_by(f64::total_cmp);
    let site = publish::site(&publish::publish(&plan, &ledger, "督查室", &Settings::default(), &options(2024)));
    let (largest, name) = site.iter().filter(|(p, _)| p.ends_with(".html")).map(|(p, b)| (gzip(b), p.clone())).max().expect("pages");
    println!(
        "公开版, 10,000 projects with reports to 10月: published (judged, pages of both languages, codes, zip) in {:.0} ms ({:.0}–{:.0}, 3 rounds, median (min–max)); {} files, zip {:.1} MB; the largest page {name} {:.1} KB gzip",
        rounds[1],
        rounds[0],
        rounds[2],
        size.0,
        size.1 as f64 / 1e6,
        largest as f64 / 1024.0
    );
}

/// 签名记录 at 10,000 projects, reports to 10月: every unit exports at each month-end and seals its new
/// records (as the page does before signing the file). What the seals add to the ledger's file, against
/// keeping every signed file whole (the cumulative exports of ten months), and the time a unit's export
/// spends finding and writing what it signs (the signature itself is WebCrypto's, not timed here).
fn seal_figures() {
    use minsheng::domain::ledger::Ledger;
    use minsheng::domain::seal;
    use minsheng::domain::signature::{encode, Jwk};
    use p256::ecdsa::signature::Signer;
    use p256::ecdsa::{Signature, SigningKey};
    let plan = synthetic_plan(10_000, 2024, 2024);
    let full = synthetic_ledger(&plan, 2024, Date::new(2024, 10, 31).expect("date"));
    let mut units: Vec<String> = full.entries.values().map(|e| e.unit.clone()).collect();
    units.sort();
    units.dedup();
    let key = SigningKey::from_slice(&[7; 32]).expect("key");
    let point = key.verifying_key().to_encoded_point(false);
    let jwk = Jwk { kty: "EC".into(), crv: "P-256".into(), x: encode(point.x().expect("x")), y: encode(point.y().expect("y")) };
    let plan_ref = PlanRef::of(&plan);
    let mut ledger = Ledger::default();
    let (mut whole, mut per_export) = (0usize, Vec::new());
    for month in 1..=10 {
        let end = Date::month_end(2024, month).expect("month");
        for e in full.entries.values().filter(|e| e.as_of == end) {
            ledger.add(e.clone());
        }
        // Every unit's cumulative export this month, kept whole: as many bytes as the month's file of all.
        let mut plain = ledger.clone();
        plain.seals = Default::default();
        whole += write_progress_file(&plan_ref, &plain, "2024-11-01T00:00:00.000Z", None).len();
        let at = format!("{end}T20:00:00.000Z");
        for u in &units {
            let ((ids, content), ms) = time(|| {
                let ids = seal::unsealed(&ledger, u);
                let content = seal::content(&ledger, u, &at, &ids).expect("content");
                (ids, content)
            });
            per_export.push(ms);
            if ids.is_empty() {
                continue;
            }
            let sig: Signature = key.sign(content.as_bytes());
            seal::keep(&mut ledger, &seal::make(u, &jwk, ids, encode(&sig.to_bytes()), &at));
        }
    }
    let with = write_progress_file(&plan_ref, &ledger, "2024-11-01T00:00:00.000Z", None).len();
    let mut without = ledger.clone();
    without.seals = Default::default();
    let without = write_progress_file(&plan_ref, &without, "2024-11-01T00:00:00.000Z", None).len();
    let (_, check_ms) = time(|| seal::seals(&ledger).map(|s| seal::to_check(&ledger, &s).map(|(_, c)| c.len()).unwrap_or(0)).sum::<usize>());
    per_export.sort_by(f64::total_cmp);
    println!(
        "签名记录, 10,000 projects, {} units exporting at each of 10 month-ends: {} seals over {} records add {:.1} MB to the ledger's file ({:.1} → {:.1} MB, +{:.1}%), where keeping every signed file whole would keep {:.1} MB; a unit's export finds and writes what it signs in {:.1} ms (median; {:.1}–{:.1}); the office's 核验 writes all {} seals' texts in {:.0} ms (WebCrypto's checks not included)",
        units.len(),
        ledger.seals.len(),
        seal::seals(&ledger).map(|s| s.records.len()).sum::<usize>(),
        (with - without) as f64 / 1e6,
        without as f64 / 1e6,
        with as f64 / 1e6,
        (with - without) as f64 * 100.0 / without as f64,
        whole as f64 / 1e6,
        per_export[per_export.len() / 2],
        per_export[0],
        per_export[per_export.len() - 1],
        ledger.seals.len(),
        check_ms
    );
}

/// 佐证材料 at 10,000 projects with reports to 9月: what 20,000 attachment records (two photos per
/// project) add to the stored ledger's text and to its reading at each load (the files themselves are
/// apart, read only when shown); and a bundle of 500 photos of 300 KB written and read (every file
/// checked against its hash), 5 rounds each.
fn evidence_figures() {
    use minsheng::domain::evidence::{self, Attachment};
    let plan = synthetic_plan(10_000, 2024, 2024);
    let ledger = synthetic_ledger(&plan, 2024, Date::new(2024, 9, 30).expect("date"));
    let mut with = ledger.clone();
    for (i, p) in plan.projects.iter().enumerate() {
        for k in 0..2 {
            let bytes = format!("photo {i} {k}");
            evidence::keep(
                &mut with,
                &Attachment {
                    id: format!("att-{i:05}-{k}"),
                    project: p.id.clone(),
                    month: Date::month_end(2024, 9),
                    request: None,
                    hash: evidence::hash(bytes.as_bytes()),
                    name: format!("IMG_{i:05}{k}.jpg"),
                    mime: "image/jpeg".into(),
                    size: 312_000,
                    caption: "现场照片".into(),
                    taken_at: Some("2024-09-28T15:42:07".into()),
                    unit: p.lead_unit.to_string(),
                    person: String::new(),
                    recorded_at: "2024-09-30T10:00:00.000Z".into(),
                },
            );
        }
    }
    let plan_ref = PlanRef::of(&plan);
    let now = "2024-10-01T00:00:00.000Z";
    let text = |l| write_progress_file(&plan_ref, l, now, None);
    let (plain, whole) = (text(&ledger), text(&with));
    // What storage keeps since the attachment records went apart: the texts a save writes.
    use minsheng::domain::persist::{evidence_key, ledger_key, merge_for_save, StoredTexts};
    let (writes, _) = merge_for_save(read_progress_file, &plan_ref, &with, StoredTexts::default(), true, now);
    let stored = |k: String| writes.iter().find(|(w, _)| *w == k).and_then(|(_, v)| v.clone()).expect("written");
    let (main, apart) = (stored(ledger_key(&plan.id)), stored(evidence_key(&plan.id)));
    // Paired rounds, in turn: the ledger without photos, the main text with 20,000 kept apart, and
    // (for the record) the text as the previous build kept it whole; then the attachment text, read
    // after the first paint.
    let (mut a, mut b, mut c, mut d) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..7 {
        a.push(time(|| read_progress_file(&plain).expect("reads")).1);
        b.push(time(|| read_progress_file(&main).expect("reads")).1);
        c.push(time(|| read_progress_file(&whole).expect("reads")).1);
        d.push(time(|| read_progress_file(&apart).expect("reads")).1);
    }
    let ratios: Vec<f64> = a.iter().zip(&b).map(|(x, y)| y / x).collect();
    let fig = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[3], v[0], v[6])
    };
    let (a, b, c, d, r) = (fig(a), fig(b), fig(c), fig(d), fig(ratios));
    println!(
        "佐证材料, 10,000 projects, 20,000 photo records (7 rounds in turn, median (min–max)): the main text read at load {:.1} MB in {:.0} ms ({:.0}–{:.0}) against {:.1} MB in {:.0} ms ({:.0}–{:.0}) without photos, ratio of the rounds {:.2} ({:.2}–{:.2}); kept whole as before, {:.1} MB in {:.0} ms ({:.0}–{:.0}); the attachment records apart, {:.1} MB read after the first paint in {:.0} ms ({:.0}–{:.0})",
        main.len() as f64 / 1e6, b.0, b.1, b.2,
        plain.len() as f64 / 1e6, a.0, a.1, a.2,
        r.0, r.1, r.2,
        whole.len() as f64 / 1e6, c.0, c.1, c.2,
        apart.len() as f64 / 1e6, d.0, d.1, d.2,
    );
    // A save that adds a figure (no attachment): what it reads and writes, with 20,000 photos apart
    // and without any.
    let add = |l: &minsheng::domain::ledger::Ledger| {
        let mut l = l.clone();
        let mut e = l.entries.values().next().expect("an entry").clone();
        e.id = "bench-new".into();
        l.add(e);
        l
    };
    let (with_more, plain_more) = (add(&with), add(&ledger));
    let (mut s_with, mut s_plain) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        s_plain.push(time(|| merge_for_save(read_progress_file, &plan_ref, &plain_more, StoredTexts { main: Some(plain.clone()), evidence: None }, false, now)).1);
        s_with.push(time(|| merge_for_save(read_progress_file, &plan_ref, &with_more, StoredTexts { main: Some(main.clone()), evidence: Some(apart.clone()) }, false, now)).1);
    }
    let rounds5 = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[2], v[0], v[4])
    };
    let (sw, sp) = (rounds5(s_with), rounds5(s_plain));
    println!(
        "佐证材料, a save that adds one figure (read back, merged, written): {:.0} ms ({:.0}–{:.0}) with 20,000 photo records apart, {:.0} ms ({:.0}–{:.0}) without photos (5 rounds, median (min–max))",
        sw.0, sw.1, sw.2, sp.0, sp.1, sp.2
    );
    // 500 photos of 300 KB (bytes that do not compress, as a JPEG's do not).
    let mut seed = 7u64;
    let files: Vec<(String, Vec<u8>)> = (0..500)
        .map(|_| {
            let bytes: Vec<u8> = (0..300_000)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (seed >> 33) as u8
                })
                .collect();
            (evidence::hash(&bytes), bytes)
        })
        .collect();
    let mut write = Vec::new();
    let mut read = Vec::new();
    let mut size = 0;
    for _ in 0..5 {
        let (zip, w) = time(|| evidence::write_bundle(&plain, &files).expect("bundle"));
        let (back, r) = time(|| evidence::read_bundle(&zip).expect("reads"));
        assert_eq!(back.files.len(), 500);
        size = zip.len();
        write.push(w);
        read.push(r);
    }
    write.sort_by(f64::total_cmp);
    read.sort_by(f64::total_cmp);
    println!(
        "佐证材料, a bundle of 500 photos (300 KB each) and the 10,000-project progress file, {:.0} MB: written in {:.0} ms ({:.0}–{:.0}), read with every hash checked in {:.0} ms ({:.0}–{:.0}) (5 rounds, median (min–max))",
        size as f64 / 1e6,
        write[2],
        write[0],
        write[4],
        read[2],
        read[0],
        read[4]
    );
}

fn main() {
    evidence_figures();
    seal_figures();
    exchange_figures();
    loop_figures();
    publish_figures();
    println!("{:>6} {:>9} {:>10} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10}", "N", "parse ms", "pieces ms", "packed ms", "index ms", "ledger ms", "status ms", "search ms", "file MB", "packed MB");
    for n in [48usize, 1_000, 10_000] {
        let plan = synthetic_plan(n, 2024, 2024);
        let ledger = synthetic_ledger(&plan, 2024, Date::new(2024, 9, 30).expect("date"));
        let text = write_plan_file_compact(&plan);
        let (parsed, parse) = time(|| read_plan_file(&text).expect("plan reads"));
        // As the page reads a large published list: 1 MB pieces, never the whole text at once.
        let (_, pieces_ms) = time(|| {
            let mut reader = PlanPieces::new();
            text.as_bytes().chunks(1 << 20).for_each(|piece| reader.feed(piece));
            reader.finish().expect("laid out a project a line").expect("plan reads")
        });
        // The packed copy a large published list carries beside its JSON (what the page reads).
        let packed = write_packed(&plan);
        let (_, packed_ms) = time(|| read_packed(&packed).expect("packed plan reads"));
        let (index, index_ms) = time(|| SearchIndex::new(&parsed));
        let (view, ledger_ms) = time(|| LedgerView::new(&parsed, &ledger));
        let (_, status_ms) = time(|| evaluate_all(&parsed, &view, Date::new(2024, 9, 30).expect("date"), &Settings::default()));
        let filters = Filters { search: "公园".into(), ..Default::default() };
        let (_, search_ms) = time(|| filter(&parsed, &index, None, &filters));
        println!(
            "{n:>6} {parse:>9.1} {pieces_ms:>10.1} {packed_ms:>10.1} {index_ms:>9.1} {ledger_ms:>9.1} {status_ms:>9.1} {search_ms:>9.1} {:>9.1} {:>10.1}",
            text.len() as f64 / 1e6,
            packed.len() as f64 / 1e6
        );
    }
}
