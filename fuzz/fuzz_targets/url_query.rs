#![no_main]
// Links people share: any query string gives a view state plus notices, never a panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let (state, _) = minsheng::domain::view_state::ViewState::from_query(text);
        let _ = minsheng::domain::view_state::ViewState::from_query(&state.to_query());
    }
});
