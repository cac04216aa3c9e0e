//! Stage 4, compute: pure functions over the [`Model`](crate::model::Model):
//! task statuses, score totals and ranks, the deadline timeline.

mod scores;
mod status;
mod timeline;

pub use scores::{UnitResult, histories, percent, rank, unit_result};
pub use status::{DUE_SOON_DAYS, Status, escalation_status, task_status};
pub use timeline::{Deadline, DeadlineKind, deadlines};
