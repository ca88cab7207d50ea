#![no_main]
// Workbooks and documents opened in 导入清单 or given to import-list: any bytes are read or refused
// with a message, never a panic, a loop or an allocation past the readers' caps (libFuzzer's
// -rss_limit_mb in `make fuzz` catches the last). Seeds: tests/hostile_files.rs's `write_corpus`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = minsheng::domain::office::read_office("fuzz.xlsx", data);
});
