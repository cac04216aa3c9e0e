//! "Thêm vào lịch": the link to a calendar file (the site's deadlines on
//! the timeline, a unit's on its page), with what a reader needs to
//! subscribe to it from Google Calendar, Outlook or a phone. What can be
//! offered depends on the build: a public site online gives the address
//! to subscribe to; a copy opened from the file system (`--offline`) a
//! file to import, and the address of the site online; the committee's
//! build a file to import only, since a calendar app cannot hold a
//! passphrase and a calendar service would learn the secret address.

use serde::Serialize;

use crate::model::Audience;
use crate::render::views::Views;

#[derive(Serialize)]
pub struct CalendarLink {
    /// The file, from the page: to download and import.
    href: String,
    /// The address to subscribe to (on `base_url`): none in the
    /// committee's build.
    url: Option<String>,
    /// The same address for calendar apps (`webcal://`), on a site online.
    webcal: Option<String>,
    /// A copy opened from the file system.
    offline: bool,
    /// The committee's build: import only.
    committee: bool,
    /// Tasks left out for having no date.
    undated: usize,
}

/// The link to the calendar at `route` (`thoi-han/lich.ics`), which leaves
/// out `undated` tasks.
pub fn link(v: &Views, route: &str, undated: usize) -> CalendarLink {
    let site = &v.model.site;
    let committee = site.audience == Audience::Committee;
    let offline = v.routes.offline();
    let url = (!committee).then(|| format!("{}{route}", site.base_url));
    let webcal = url
        .as_deref()
        .filter(|_| !offline)
        .and_then(|u| u.split_once("://"))
        .map(|(_, rest)| format!("webcal://{rest}"));
    CalendarLink {
        href: v.routes.href(route),
        url,
        webcal,
        offline,
        committee,
        undated,
    }
}
