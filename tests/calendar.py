#!/usr/bin/env python3
"""The deadline calendars of the example, read by an independent parser.

    python3 tests/calendar.py TIENDO_BIN

Builds content/ twice and a copy of it with one deadline moved, and reads
thoi-han/lich.ics and don-vi/tan-loi/lich.ics with Python's `icalendar`
(not the crate that wrote them). Checks, against the build's open data
(du-lieu/tiendo.json):
  - both files parse; every event is all-day (DTSTART;VALUE=DATE, DTEND the
    next day), with a UID, a DTSTAMP, a summary, the task's absolute URL;
  - Tân Lợi's calendar has one event per dated task it leads, on its date,
    and one per dated task it is a partner of, marked as such; the site's
    one per dated task; tasks without a date are left out and counted in
    the calendar's description;
  - two builds give the same bytes and the same UIDs;
  - a moved deadline changes that task's events and no other.
Prints one line per check and a closing "N passed, N failed"; exits 1 when
a check fails.
"""

import datetime
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

import icalendar

ROOT = pathlib.Path(__file__).resolve().parent.parent
UNIT = "tan-loi"
BASE_URL = "https://example.gov.vn/cchc/"
MOVED_TASK = "xa-sang-kien"  # given to eleven communes in one line
MOVED_FROM, MOVED_TO = "due: 2023-11-20", "due: 2023-11-24"

passed, failed = 0, 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what}")


def build(binary, content, out):
    done = subprocess.run(
        [binary, "build", "--content", str(content), "--output", str(out), "--quiet"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"calendars: the build of {content} failed:\n{done.stderr}")


def events(path):
    """The calendar at `path`, and its events by UID."""
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    by_uid = {}
    for event in cal.walk("VEVENT"):
        by_uid[str(event["UID"])] = event
    return cal, by_uid


def date_of(prop):
    return prop.dt if prop is not None else None


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        build(binary, ROOT / "content", tmp / "a")
        build(binary, ROOT / "content", tmp / "b")
        moved = tmp / "moved"
        shutil.copytree(ROOT / "content", moved)
        tasks_file = moved / "tasks" / "cv-ra-soat-cchc-2023.yaml"
        text = tasks_file.read_text(encoding="utf-8")
        start = text.index(f"- id: {MOVED_TASK}\n")
        at = text.index(MOVED_FROM, start)
        tasks_file.write_text(text[:at] + MOVED_TO + text[at + len(MOVED_FROM):], encoding="utf-8")
        build(binary, moved, tmp / "c")
        run_checks(tmp)


def run_checks(tmp):
    data = json.loads((tmp / "a" / "du-lieu" / "tiendo.json").read_text(encoding="utf-8"))
    tasks = data["tasks"]
    site_cal, site = events(tmp / "a" / "thoi-han" / "lich.ics")
    unit_cal, unit = events(tmp / "a" / "don-vi" / UNIT / "lich.ics")
    check(len(site) > 0 and len(unit) > 0, "both calendars parse, with events")

    every = list(site.values()) + list(unit.values())
    all_day = all(
        isinstance(date_of(e.get("DTSTART")), datetime.date)
        and not isinstance(date_of(e.get("DTSTART")), datetime.datetime)
        and date_of(e.get("DTEND")) == date_of(e.get("DTSTART")) + datetime.timedelta(days=1)
        for e in every
    )
    check(all_day, "every event is all-day, ending the next day")
    complete = all(
        e.get("DTSTAMP") is not None
        and str(e.get("SUMMARY", ""))
        and str(e.get("URL", "")).startswith(BASE_URL)
        and "#" in str(e.get("URL", ""))
        for e in every
    )
    check(complete, "every event has a stamp, a summary and its task's address")

    def dated(pred):
        return {t["id"]: t["due"] for t in tasks if t["due"] and pred(t)}

    led = dated(lambda t: t["lead"] == UNIT)
    partnered = dated(lambda t: UNIT in (t.get("partners") or []))
    in_unit = {}
    for uid, e in unit.items():
        task = next((t for t in tasks if f".{t['id']}.{UNIT}@" in uid), None)
        in_unit[uid] = (task["id"] if task else None, date_of(e["DTSTART"]).isoformat())
    led_events = {tid: day for tid, day in in_unit.values() if tid in led}
    check(
        led_events == led and len(led) > 0,
        f"{UNIT}: one event per dated task it leads, on its date ({len(led)})",
    )
    partner_events = {
        tid: day for uid, (tid, day) in in_unit.items() if tid in partnered
    }
    marked = all(
        "phối hợp" in str(unit[uid]["SUMMARY"])
        for uid, (tid, _) in in_unit.items()
        if tid in partnered
    )
    check(
        partner_events == partnered and len(partnered) > 0 and marked,
        f"{UNIT}: one event per dated task it is a partner of, marked ({len(partnered)})",
    )
    check(len(unit) == len(led) + len(partnered), f"{UNIT}: no other event")

    all_dated = dated(lambda t: True)
    check(len(site) == len(all_dated), f"the site: one event per dated task ({len(all_dated)})")
    site_days = sorted(date_of(e["DTSTART"]).isoformat() for e in site.values())
    check(site_days == sorted(all_dated.values()), "the site: each on its date")
    undated = len(tasks) - len(all_dated)
    description = str(site_cal.get("X-WR-CALDESC", "")) + str(site_cal.get("DESCRIPTION", ""))
    check(
        undated > 0 and f"{undated} nhiệm vụ" in description,
        f"the {undated} tasks without a date are left out and counted",
    )

    for rel in ("thoi-han/lich.ics", f"don-vi/{UNIT}/lich.ics"):
        a = (tmp / "a" / rel).read_bytes()
        b = (tmp / "b" / rel).read_bytes()
        _, ea = events(tmp / "a" / rel)
        _, eb = events(tmp / "b" / rel)
        check(a == b and sorted(ea) == sorted(eb), f"{rel}: two builds, the same bytes and UIDs")

        _, ec = events(tmp / "c" / rel)
        changed = sorted(
            uid for uid in set(ea) | set(ec)
            if uid not in ea or uid not in ec or ea[uid].to_ical() != ec[uid].to_ical()
        )
        expected = sorted(uid for uid in ea if f".{MOVED_TASK}-" in uid)
        moved_ok = all(
            date_of(ec[uid]["DTSTART"]) == datetime.date(2023, 11, 24) for uid in expected
        )
        check(
            changed == expected and len(expected) > 0 and moved_ok,
            f"{rel}: a moved deadline changes its {len(expected)} event(s) and no other",
        )

    print(f"calendars: {passed} passed, {failed} failed")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
