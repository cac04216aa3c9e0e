//! Every tuning number of tiendo, in one place: how much input is accepted,
//! when a long list is cut, grouped or split over pages. Each has a reason;
//! change one here and every stage that uses it follows.

/// The tuning numbers of a build.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    // Input: content is written by people; more is a mistake or an attack.
    /// Largest content file accepted, in bytes (an export of the wrong sheet).
    pub max_file_bytes: u64,
    /// Longest line accepted in a content file, in bytes.
    pub max_line_bytes: usize,
    /// How alike a mistyped id must be to a known one (Jaro-Winkler, 0 to 1)
    /// to be offered as "did you mean".
    pub suggestion_similarity: f64,

    // Statuses.
    /// A task is due soon when its deadline is at most this many days ahead.
    pub due_soon_days: i64,

    // The home page.
    /// At most this many units get their own score card on the home page;
    /// more (a province's departments) are shown by the rankings instead.
    pub headline_units: usize,
    /// Overdue tasks listed on the home page; the timeline has them all.
    pub home_overdue_tasks: usize,
    /// Next deadlines listed on the home page.
    pub home_next_tasks: usize,
    /// Newest notes listed on the home page.
    pub home_notes: usize,
    /// Rankings longer than this show only their first and last halves.
    pub ranking_rows: usize,

    // Lists of units.
    /// Longer lists of units are grouped (by province…) onto pages of their own.
    pub unit_rows: usize,
    /// Up to this many units, a snapshot page shows every unit's criteria.
    pub snapshot_detail_units: usize,
    /// Longer lists of units lacking a criterion are counted by group.
    pub lacking_units: usize,
    /// A criterion's history lists each unit in each snapshot up to this many
    /// rows; beyond, one summary row per snapshot.
    pub history_rows: usize,

    // Lists of tasks.
    /// Task lists on unit and criterion pages show at most this many tasks,
    /// the most urgent first; the timeline and the open data have them all.
    pub task_list: usize,
    /// Tasks per page of a directive.
    pub tasks_per_page: usize,
    /// More deadlines than this split the timeline into one page per month.
    pub timeline_deadlines: usize,
    /// A month with more deadlines than this is split by group (province…).
    pub month_deadlines: usize,
    /// Tasks without a date are listed under the timeline up to this many.
    pub undated_tasks: usize,
    /// The calendars' alarm comes this many days before a deadline: time
    /// to act, close enough to be heeded.
    pub calendar_alarm_days: i64,
    /// A task given to many units in one line of a directive lists its
    /// units, each with its status, up to this many on the home page; the
    /// others are counted by status (the timeline lists them all).
    pub line_units: usize,

    // Charts.
    /// A chart of tasks due and done over time with more dates than this
    /// keeps one point a month: a point a day would crowd 320 pixels.
    pub pace_points: usize,

    // Feeds.
    /// Entries of the Atom feed: feed readers want what is new.
    pub feed_entries: usize,

    // Diagnostics.
    /// Names a folded warning lists ("13 units have no score: a, b, …")
    /// before it says how many more: enough to act on, short enough to read.
    pub folded_names: usize,
    // Search.
    /// A shard of the search index holds the words of one prefix up to this
    /// many bytes (a word alone may be larger); a larger prefix is split by
    /// its next letter. One query loads a shard per word.
    pub search_shard_bytes: usize,
    /// Documents (title and link) per file of the search index: a query
    /// loads the files of the results it shows.
    pub search_chunk_docs: usize,
    /// Results a search shows.
    pub search_results: usize,
    // The committee's build.
    /// Random bytes of the committee's secret folder name (16 = 128 bits).
    pub secret_bytes: usize,
    /// PBKDF2-HMAC-SHA256 rounds that turn the passphrase into the key:
    /// OWASP's 2023 advice; about 0.3 s once per build, and once per tab
    /// in the reader's browser.
    pub pbkdf2_iterations: u32,
    /// Bytes of a sealed build's hidden address (a keyed hash of a
    /// committee-only page's slug, in hex): 16 = 128 bits, no two alike.
    pub address_bytes: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        max_file_bytes: 64 * 1024 * 1024,
        max_line_bytes: 1024 * 1024,
        suggestion_similarity: 0.8,
        due_soon_days: 7,
        headline_units: 3,
        home_overdue_tasks: 20,
        home_next_tasks: 10,
        home_notes: 5,
        ranking_rows: 20,
        unit_rows: 300,
        snapshot_detail_units: 20,
        lacking_units: 60,
        history_rows: 40,
        task_list: 40,
        tasks_per_page: 150,
        timeline_deadlines: 400,
        month_deadlines: 600,
        undated_tasks: 150,
        calendar_alarm_days: 3,
        line_units: 60,
        pace_points: 60,
        feed_entries: 50,
        folded_names: 20,
        search_shard_bytes: 32 * 1024,
        search_chunk_docs: 32,
        search_results: 20,
        secret_bytes: 16,
        pbkdf2_iterations: 600_000,
        address_bytes: 16,
    };
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// The limits every build uses.
pub const LIMITS: Limits = Limits::DEFAULT;
