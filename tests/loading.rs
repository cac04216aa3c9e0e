//! Loading and resolving a small fixture site through the library.

use std::path::PathBuf;

use chrono::NaiveDate;
use tiendo::compute::{self, Status};
use tiendo::model::{Model, Points};
use tiendo::site::{Outcome, load_model};
use tiendo::validate::Options;

fn fixture(committee: bool) -> Model {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    match load_model(
        &dir,
        &Options {
            as_of: None,
            committee,
        },
    )
    .unwrap()
    {
        Outcome::Done(model, diags) => {
            assert!(diags.is_empty(), "{:?}", diags.sorted());
            model
        }
        Outcome::Invalid(diags) => panic!("{:#?}", diags.sorted()),
    }
}

#[test]
fn ids_come_from_vietnamese_names_in_nfc_or_nfd() {
    let m = fixture(false);
    let ids: Vec<&str> = m.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["tinh-thu", "xa-tan-loi", "xa-dong-no"]);
    assert_eq!(m.units[2].name, "Xã Đồng Nơ", "names are stored in NFC");
    assert_eq!(m.units[1].parent, Some(0));
}

#[test]
fn frameworks_sum_children_unless_max_is_given() {
    let m = fixture(false);
    let fw = &m.frameworks[0];
    assert_eq!(fw.id, "xa");
    let one = &fw.criteria[fw.code_index["1"]];
    assert_eq!(one.max, Points(2500), "1 + 1,5");
    let two = &fw.criteria[fw.code_index["2"]];
    assert_eq!(two.max, Points(4000), "given max wins");
    assert_eq!(fw.max, Points(6500));
    assert_eq!(fw.bands[0].name, "Khá");
}

#[test]
fn scores_accept_bom_crlf_commas_and_the_long_form() {
    let m = fixture(false);
    assert_eq!(m.site.as_of, NaiveDate::from_ymd_opt(2023, 11, 14).unwrap());
    let snap = &m.snapshots[0];
    let tan_loi = &snap.units[0];
    let fw = &m.frameworks[0];
    assert_eq!(tan_loi.get(fw.code_index["1.2"]), Some(Points(500)));
    let long = fw.code_index["2.1"];
    assert_eq!(
        tan_loi.get(long),
        Some(Points(1500)),
        "appraised counts over self-assessed"
    );
    assert_eq!(
        tan_loi.detail(long).unwrap().self_assessed,
        Some(Points(2000))
    );
    let r = compute::unit_result(&m, tan_loi);
    assert_eq!(r.total, Points(3000));
    assert_eq!(r.by_criterion[fw.code_index["1"]], Some(Points(1500)));
    let dong_no = compute::unit_result(&m, &snap.units[1]);
    assert_eq!(dong_no.total, Points(4500));
    assert_eq!(dong_no.band.map(|b| fw.bands[b].name.as_str()), Some("Khá"));
    assert_eq!(compute::rank(&[r.percent, dong_no.percent]), vec![2, 1]);
}

#[test]
fn tasks_fan_out_and_get_statuses() {
    let m = fixture(false);
    let ids: Vec<&str> = m.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "gui-bao-cao-xa-tan-loi",
            "gui-bao-cao-xa-dong-no",
            "xong-som"
        ]
    );
    let statuses: Vec<Status> = m
        .tasks
        .iter()
        .map(|t| compute::task_status(t.due, t.done_on, m.site.as_of))
        .collect();
    assert_eq!(statuses, [Status::Overdue, Status::Overdue, Status::Done]);
}

#[test]
fn committee_notes_only_in_the_committee_model() {
    let public = fixture(false);
    assert_eq!(public.notes.len(), 1);
    assert_eq!(public.notes[0].id, "mot");
    assert!(public.notes[0].task.is_some());
    let committee = fixture(true);
    assert_eq!(committee.notes.len(), 2);
    assert_eq!(committee.notes[0].id, "noi-bo", "newest first");
}
