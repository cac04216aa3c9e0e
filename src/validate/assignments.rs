//! `assignments/*.yaml`: which unit answers for which criterion of another.

use super::Validator;
use crate::model::{Assignment, Model};
use crate::path;

impl Validator<'_> {
    pub(super) fn assignments(&mut self, model: &mut Model) {
        let content = self.content;
        for (file, raw) in &content.assignments {
            let file = *file;
            let scored = self.unit_ref(model, file, &path!["unit"], &raw.unit);
            for (i, a) in raw.assignments.iter().enumerate() {
                let criterion = self.criterion_ref(
                    model,
                    file,
                    &path!["assignments", i, "criterion"],
                    &a.criterion,
                );
                let owner = self.unit_ref(model, file, &path!["assignments", i, "owner"], &a.owner);
                let partners = self.unit_list(
                    model,
                    file,
                    &path!["assignments", i, "partners"],
                    &a.partners,
                );
                if let (Some(scored_unit), Some(criterion), Some(owner)) =
                    (scored, criterion, owner)
                {
                    model.assignments.push(Assignment {
                        source: raw.source.clone(),
                        scored_unit,
                        criterion,
                        owner,
                        partners,
                    });
                }
            }
        }
    }
}
