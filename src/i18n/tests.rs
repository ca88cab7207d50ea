use super::*;

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
}

#[test]
fn chinese_numbers() {
    let got: Vec<String> = [1, 2, 9, 10, 11, 19, 20, 21, 35, 99].iter().map(|n| cn_number(*n)).collect();
    assert_eq!(got, ["一", "二", "九", "十", "十一", "十九", "二十", "二十一", "三十五", "九十九"]);
}

#[test]
fn templates_put_every_value_in_both_languages() {
    for lang in Lang::ALL {
        let t = lang.t();
        assert!((t.projects_count)(48).contains("48"));
        assert!((t.projects_filtered)(3, 48).contains('3') && (t.projects_filtered)(3, 48).contains("48"));
        let shortfall = (t.r_shortfall)("W", "R", "A", "S", "I");
        for v in ["W", "R", "A", "S", "I"] {
            assert!(shortfall.contains(v), "{lang:?} r_shortfall drops {v}: {shortfall}");
        }
        let p = (t.projection)("AT", "PR", "RQ", "DU", "AD", "TG");
        for v in ["AT", "PR", "RQ", "DU", "AD", "TG"] {
            assert!(p.contains(v), "{lang:?} projection drops {v}: {p}");
        }
        let lead = (t.b_lead)("D", 11, 12, 13, 14, 15, 16, "P");
        for v in ["D", "11", "12", "13", "14", "15", "16", "P"] {
            assert!(lead.contains(v), "{lang:?} b_lead drops {v}: {lead}");
        }
        assert!((t.seq_mismatch)(7, "C", 3, 4).contains('7'));
        assert!((t.f_too_large)("f.json", 50.0, 40).contains("50.0"));
    }
}

#[test]
fn english_words_are_english() {
    let t = Lang::En.t();
    // Quoted examples of Chinese titles and the unclassified category are data, not words.
    for s in [t.app_title, t.search_placeholder, t.r_all_met, t.n_storage_full, t.b_closing, t.req_step, t.count_unit] {
        assert!(!has_cjk(s), "{s}");
    }
    for m in t.months.iter().chain(t.quarters.iter()) {
        assert!(!has_cjk(m), "{m}");
    }
    assert_eq!((t.month_end)(t.months[8]), "end of Sep");
    assert_eq!((Lang::Zh.t().month_end)(Lang::Zh.t().months[8]), "9月底");
}
