#![no_main]
// The responsibility-list importer on arbitrary bytes: never panics, whatever is pasted or opened.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = minsheng::domain::table::decode_text(data) {
        let _ = minsheng::domain::import::import_list(&text, Some(2024));
    }
});
