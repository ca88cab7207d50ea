#![no_main]
// Progress files from other departments: any text is read or refused, never a panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = minsheng::domain::exchange::read_progress_file(text);
    }
});
