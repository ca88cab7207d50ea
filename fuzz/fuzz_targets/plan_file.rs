#![no_main]
// Plan files fetched from data/ or kept in storage: any text is read or refused, never a panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = minsheng::domain::format::read_plan_file(text);
        let _ = minsheng::domain::format::read_index(text);
    }
});
