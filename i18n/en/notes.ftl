# Notes a job makes while it runs, in English: a warning, or why it did
# nothing. What the CLI prints on stderr, word for word. Every id is also in
# i18n/zh-CN/notes.ftl and starts with `note-`. Arguments are names, files
# and numbers as the CLI writes them, or other messages.

# The steady-state check of a run's burn-in (`resim run`, `resim merge`,
# `resim check`).
note-steady-state = steady state: { $weeks } burn-in weeks ({ $years } years); { $drift }
note-steady-drift-one = mean resilience moves { $drift } points over the last burn-in year (limit ±{ $limit }); checked on the burn-ins of the first replicate, { $students } students
note-steady-drift-many = mean resilience moves { $drift } points over the last burn-in year (limit ±{ $limit }); checked on the burn-ins of the first { $replicates } replicates, { $students } students
note-steady-drift-unmeasured = drift not measured: the burn-in is shorter than two years
note-steady-warning = warning: { $line }; set calendar.burn_in_weeks to { $least } or more (whole years)
note-steady-warning-not-whole-years = warning: { $line }; the burn-in is not a whole number of years, so week 1 is not at the start of the calendar's year; set calendar.burn_in_weeks to { $least } or more (whole years)

# Resuming sweeps, sensitivity analyses, shards and merges.
note-merge-continuing = continuing the interrupted merge saved in { $file }
note-shard-complete = shard { $shard }: already complete in { $file }; nothing to do
note-shard-damaged = shard { $shard }: { $file } is damaged ({ $why }); running the shard again
note-already-complete = { $file }: already complete; nothing to resume
note-point-again = { $why }; point { $point } is computed again

# Targets that a validation or a calibration leaves out.
note-calibrate-held-out-one = note: { $count } out-of-sample target (role = out_of_sample) never used for fitting, left out: { $ids }
note-calibrate-held-out-many = note: { $count } out-of-sample targets (role = out_of_sample) never used for fitting, left out: { $ids }
note-validate-unknown-one = warning: { $count } target id with no measurement in the model, not measured: { $ids }{ $indent }known ids: { $known }
note-validate-unknown-many = warning: { $count } target ids with no measurement in the model, not measured: { $ids }{ $indent }known ids: { $known }
note-validate-unknown-id = `{ $id }`
note-validate-unknown-id-near = `{ $id }` (did you mean `{ $near }`?)
note-validate-unmeasurable = warning: target `{ $id }` not measured: { $why }
