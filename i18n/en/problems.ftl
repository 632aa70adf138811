# Problems with input (scenario files, settings, parameters), in English:
# what the CLI prints, word for word. Every id is also in
# i18n/zh-CN/problems.ftl. Arguments are names, keys and numbers as the
# CLI writes them, or other messages of this catalogue.

problem-verbatim = { $text }
problem-words = { $message }
problem-words-valid = { $message }; valid: { $valid }
problem-words-key = { $key }: { $message }
problem-words-key-valid = { $key }: { $message }; valid: { $valid }

problem-out-of-range = { $value } is out of range
valid-number-range = a number from { $lo } to { $hi }
valid-did-you-mean = did you mean `{ $name }`? valid names: { $names }
valid-one-of = one of { $names }

# The studio's district path (`population.district` of a scenario form).
problem-district-no-folder = `{ $given }` cannot be read: the studio has no scenarios folder
problem-district-outside = `{ $given }` is not a `.csv` file of the scenarios folder { $folder }
valid-district-no-folder = a scenarios folder (resim serve --scenarios DIR) holding the district file
valid-district-none = a `.csv` file of the scenarios folder, as a path relative to it (no `..`, no absolute path, no link); there is none in { $folder }
valid-district-files = a `.csv` file of the scenarios folder, as a path relative to it (no `..`, no absolute path, no link): { $files }

# The class form of the studio ("Ask about my class").
problem-not-a-number = `{ $value }` is not a number
problem-given = `{ $given }`
problem-class-unknown-component = unknown component `{ $name }`; valid components: { $names }
valid-class-size = a whole number of students, e.g. 45
valid-class-grade = a school grade from 1 to 12
valid-class-left-behind = a percentage from 0 to 100

# What the TOML reader says of a scenario file, in words.
problem-unknown-key = unknown key `{ $given }`
problem-unknown-value = unknown value `{ $given }`
problem-missing = is required but missing
problem-wrong-type = wrong type: { $got }
problem-invalid-value = invalid value: { $got }
problem-term-not-pair = a term is not a [first, last] pair
problem-table-twice = table `[{ $name }]` appears twice
problem-key-twice = key `{ $key }` appears twice
valid-no-keys-here = no keys here
valid-add-key = add `{ $key } = ...`
valid-number = a number
valid-dist = a table {"{"} mean = ..., sd = ... {"}"} with numbers between 0 and 1
valid-week-list = a list of week numbers, e.g. [19, 20]
valid-list = a list, e.g. [7, 8, 9]
valid-week-pair = [first, last] week pair
valid-term-pair = [first, last] week pair, e.g. terms = [[1, 20], [25, 44]]
valid-table = a table
valid-section = a table, e.g. `[{ $key }]` followed by `key = value` lines
valid-whole-range = a whole number from { $lo } to { $hi }
valid-whole-from-0 = a whole number from 0
valid-whole = a whole number
valid-schools = { $range } (schools × classes_per_school × class_size at most { $max } students)
valid-survey-week = a week of the run: a whole number from 0 (the end of the burn-in) to the run's last week
valid-panel-lag = a whole number of weeks from 1 to 1040
valid-calendar-weeks = 0 (every year to its end) or a whole number of weeks up to years × weeks_per_year
valid-school-week = a week of the school year: a whole number from 1 to weeks_per_year
valid-start-week = a week of the run: a whole number from 1 to the run's last week
valid-end-week = 0 (to the end of the run) or a week of the run from start_week on, a whole number
valid-strategy-once = each strategy name once
valid-table-once = each table once
valid-key-once = each key once
problem-datetime = wrong type: date-time `{ $value }`
problem-column = column `{ $column }`: { $message }
problem-particle = particle { $particle }: { $message }

# A district file (`population.district`).
problem-district-file = { $file }: { $message }
problem-district-line = { $file } line { $line }: { $message }
problem-district-column = { $file }, column `{ $column }`: { $message }
problem-district-line-column = { $file } line { $line }, column `{ $column }`: { $message }
valid-district-csv = a CSV file with the header `{ $header }` and one row per school (docs/DISTRICTS.md)
problem-district-no-schools = the file lists no schools

# The `[sweep]` section.
problem-not-valid = { $value } is not valid
problem-sweep-grid-steps = a grid sweep needs `steps` for a range
valid-sweep-grid-steps = add `steps = n`, the number of values from `from` to `to`, or `method = "lhs"` with `samples = n`
valid-sweep-method = "grid" or "lhs"
problem-sweep-lhs-only = `{ $key }` is only used by Latin hypercube sweeps
valid-sweep-lhs-only = add `method = "lhs"`, or remove the key
valid-sweep-samples = add `samples = ...`, the number of points to draw
problem-sweep-replicates = the number of replicates cannot be swept
valid-sweep-replicates = set it with `[run] replicates` or `--replicates`; sweep other parameters
problem-sweep-twice = parameter `{ $path }` is swept twice
valid-sweep-once = each parameter once
problem-sweep-lhs-list = a Latin hypercube samples ranges, not lists
valid-sweep-range = a range `{"{"} from = ..., to = ... {"}"}`
problem-sweep-no-values = no values given
valid-sweep-values = a list of numbers, e.g. [0.1, 0.2], or `{"{"} from = ..., to = ..., steps = ... {"}"}`
problem-sweep-not-numbers = the list holds something other than numbers
valid-sweep-numbers = a list of numbers, e.g. [0.1, 0.2]
problem-sweep-range = a range needs numbers `from` and `to`
valid-sweep-range-steps = `{"{"} from = ..., to = ..., steps = ... {"}"}`
problem-sweep-lhs-steps = `steps` has no meaning in a Latin hypercube
valid-sweep-lhs-steps = remove `steps`; `samples` sets the number of points
problem-sweep-value = value { $value } is not valid for `{ $path }`: { $message }
problem-sweep-none = no parameters to sweep
valid-sweep-none = at least one parameter path with values, e.g. `"stress.academic_load" = [0.06, 0.1]`

# The `[run]` section.
valid-run-week = a week from 0 (after burn-in) to { $last } (years × weeks_per_year)
problem-week-after-last = week { $week } is after the last week
problem-survey-both = both `survey_week` and `survey_weeks` are given
valid-survey-both = one of them: `survey_weeks = [6, 12, 30, 36]` (a window), or `survey_week = 44` (one week)
problem-empty-list = an empty list
valid-survey-weeks = at least one week, e.g. [{ $weeks }]; leave the key out for the default window
problem-week-twice = week { $week } is listed twice
valid-week-once = each week once
problem-lag = a lag of { $weeks } weeks
valid-lag = a whole number of weeks from 1 to 1040, e.g. 44 for a school year
problem-replicates = { $replicates } replicates

# A component's settings (`[strategies.S.COMPONENT]`).
problem-no-such-week = week { $week } does not exist
valid-end-week-setting = 0 (to the end of the run) or a week from 1 (weeks count over the whole run)
valid-start-week-setting = a week from 1 (weeks count over the whole run)
problem-end-before-start = week { $week } is before start_week = { $start }
valid-end-after-start = 0 (to the end of the run) or a week from start_week on
problem-start-after-run = week { $week } is after the run's last week, { $weeks }
valid-week-of-run = a week from 1 to { $weeks }, the run's length

# Parameters that must agree with each other.
problem-challenge-not-below = { $value } is not below overwhelm_level = { $overwhelm }
valid-challenge-below = a challenge level below the overwhelm level (moderate challenge builds resilience, more overwhelms)
problem-support-weights = the four support weights (family, teacher, peer, community) sum to { $sum }
valid-support-weights = weights that sum to about 1 (from { $lo } to { $hi }), so perceived support stays on its 0–1 scale

# A scenario file as a whole.
problem-file-directory = is a directory
valid-scenario-file = a TOML scenario file, e.g. scenarios/quickstart.toml
problem-file-larger = the file is larger than { $max } bytes, too large for a scenario
valid-file-size = a scenario file of at most { $max } bytes
problem-file-unreadable = cannot read the file: { $why }
valid-readable-file = a readable TOML scenario file
problem-not-utf8 = the file is not UTF-8 text (invalid byte at offset { $offset })
valid-utf8 = a TOML file encoded as UTF-8
problem-file-bytes = the file is { $bytes } bytes, too large for a scenario
problem-file-empty = the file is empty
valid-scenario-minimum = a scenario needs at least `name = "..."` and two strategies; see scenarios/quickstart.toml
problem-not-toml = not valid TOML: { $why }
valid-toml-syntax = TOML syntax (https://toml.io)
valid-toml = TOML syntax

# Names, strategies and their components.
problem-scenario-name = `{ $name }` cannot name a scenario
problem-strategy-name = `{ $name }` cannot name a strategy
valid-name-rule = 1–64 letters, digits, `_` or `-`
problem-must-be-table = must be a table
valid-strategy-table = `[strategies.{ $name }]` with component tables, e.g. `[strategies.{ $name }.contact_book]`
problem-one-strategy = { $count } strategy given
problem-strategies = { $count } strategies given
valid-two-strategies-baseline = at least two strategies: a baseline (e.g. `[strategies.usual_practice]` with `components = []`) and one to compare
valid-two-strategies = at least two strategies
problem-no-strategy = no strategy is named `{ $name }`
problem-no-components = has no components; only the baseline may be empty
valid-add-component = add a component table, e.g. `[strategies.{ $name }.contact_book]`, or `components = ["contact_book"]`
valid-string = a string
problem-component-twice = component `{ $name }` is listed twice
valid-component-once = each component once
problem-unknown-component = unknown component `{ $name }`
valid-component-name = a component name (string)
valid-component-list = a list of component names, e.g. ["contact_book"]
valid-settings-table = a table of settings, e.g. `[{ $key }.{ $name }]` with `coverage = 0.8`
problem-unknown-component-or-key = unknown component or key `{ $name }`

# The `[population]` section and a district's schools.
problem-schools = { $count } schools
valid-district-schools = at most { $max } schools in one district
problem-listed-twice = `{ $name }` is listed twice
valid-school-once = each school once
problem-district-students = the district's schools hold { $students } students, more than one scenario may ask for
valid-students = at most { $max } students
problem-district-unread = no schools were read from the district file
valid-district-file = a district CSV file with one row per school (see docs/DISTRICTS.md)
problem-at-least-1 = must be at least 1
valid-whole-1-or-more = a whole number of 1 or more
problem-class-size = { $size } students in one class is not a class
problem-classes = { $classes } classes in one school is not a school
problem-too-many-schools = { $schools } schools hold more than { $max } students even with one student each
problem-too-many-students = schools × classes_per_school × class_size = { $schools } × { $classes } × { $size } = { $students } students, more than one scenario may ask for
problem-no-grades = no grades given
valid-grades = a list of school grades, e.g. [7, 8, 9]
problem-grade-twice = grade { $grade } is listed twice
valid-grade-once = each grade once, e.g. [7, 8, 9]
problem-no-such-grade = grade { $grade } does not exist
valid-grade-range = grades from 1 to 12
problem-school-no-name = the school has no name
valid-school-name = the school's name, e.g. `Xinhua Middle School`
problem-left-behind-sum = left_behind_one_parent + left_behind_both_parents = { $sum }, more than 1
valid-left-behind-sum = two shares that sum to at most 1

# The problems of one scenario file, as the CLI lists them.
problem-in-scenario-one = { $count } problem in scenario { $file }
problem-in-scenario-many = { $count } problems in scenario { $file }
problem-at = { $at }: { $message }
problem-at-key = { $at }: key `{ $key }`: { $message }
problem-valid = valid: { $valid }

# The schema of a scenario file, and the work it asks for.
valid-schema = `schema_version = { $schema }` (or no schema_version: schema 1)
problem-schema-newer = the file is written for scenario schema { $given }, newer than schema { $schema }, which this resim ({ $program }) reads; run it with a newer resim (CHANGELOG.md lists the schema of each version)
problem-schema-unknown = scenario schema { $given } does not exist: the oldest is schema { $oldest }, and this resim ({ $program }) reads schema { $oldest } to { $schema }
problem-too-much-work = { $students } students × ({ $burn_in } burn-in weeks + { $strategies } strategies × { $weeks } weeks) × { $replicates } replicates = { $student_weeks } student-weeks, more than one run may ask for
valid-work = at most { $max } student-weeks; fewer replicates, students, weeks or strategies
problem-district-replaces = does not apply: the schools come from the district file `{ $district }`
valid-district-replaces = remove `{ $key }`, or remove `district` to use synthetic schools ({ $keys })

# Parameter paths (`--set`, `[sweep]`, `--param`).
problem-noun-number = a number
problem-nouns-number = numbers
problem-noun-choice = a number or a choice
problem-nouns-choice = numbers or choices
problem-not-writable = the scenario cannot be written as TOML: { $why }
valid-toml-integers = whole numbers up to 9223372036854775807 (e.g. `run.seed`)
problem-path-choice = `{ $path }` holds a choice ({ $names }), not a number
valid-path-number = a path to a number; sweeps, sensitivity analyses and calibration vary numbers, choices are changed in the scenario file or with `resim whatif --set`
problem-path-list = `{ $path }` holds a list, not { $noun }
problem-path-text = `{ $path }` holds free text, not { $noun }
valid-path-to = a path to { $noun }, e.g. `stress.academic_load`
problem-not-whole = { $value } is not a whole number that fits
problem-path-table = parameter path `{ $path }` names a table, not { $noun }
problem-path-unknown-section = unknown section in parameter path `{ $path }`
problem-path-unknown-strategy = unknown strategy in parameter path `{ $path }`
problem-path-unknown-component = unknown component in parameter path `{ $path }`
problem-path-unknown-key = unknown key in parameter path `{ $path }`
valid-path-strategy-empty = strategy `{ $strategy }` has no components; choose a strategy that has
valid-path-holds-none = `{ $path }` holds no { $nouns }

# A posterior's particles (`[draws]`).
problem-no-particles = the posterior has no particles
valid-particle-rows = one row per particle under the header
problem-particle-weight = particle { $particle } has weight { $weight }
valid-weight = a finite weight of 0 or more
problem-zero-weights = every particle has weight 0
valid-positive-weight = at least one particle with a positive weight

# The school calendar (`[calendar]`).
problem-calendar-years = { $years } years
problem-calendar-weeks = { $weeks } weeks
problem-calendar-weeks-more = { $weeks } weeks, more than years × weeks_per_year = { $max }
valid-calendar-run-weeks = 0 (run every year to its end) or a number of weeks up to years × weeks_per_year
valid-calendar-week = weeks from 1 to weeks_per_year = { $weeks }
problem-calendar-term-outside = term [{ $first }, { $last }] is not inside the year
valid-calendar-term = [first, last] with 1 ≤ first ≤ last ≤ { $weeks }
problem-calendar-no-terms = no terms given: school would never be in session
valid-calendar-terms = a list of [first, last] weeks, e.g. [[1, 20], [25, 44]], inside 1–{ $weeks }
problem-calendar-terms-overlap = term [{ $first }, { $last }] overlaps term [{ $other_first }, { $other_last }]
valid-calendar-terms-apart = terms that do not overlap, each starting after the one before ends
problem-calendar-week-outside = week { $week } is outside the calendar

# A district file's cells and columns.
valid-district-school = the school's name
valid-district-setting = `rural` or `urban`
valid-district-classes = a whole number of classes from 1 to { $max }
valid-district-class-size = a whole number of students per class from 1 to { $max }
valid-district-one-parent = a share from 0 to 1 (e.g. 0.2 for 20 %)
valid-district-both-parents = a share from 0 to 1 (e.g. 0.15 for 15 %)
valid-district-share = a share from 0 to 1
valid-district-low-income = a share from 0 to 1 (0.2 is the reference population's poorest fifth)
valid-district-counsellor = `yes` or `no` (also `true`/`false`, `1`/`0`)
valid-district-yes-no = `yes` or `no`
problem-district-cell = `{ $cell }` is not { $what }
problem-district-too-large = larger than { $size }, too large for a district file
problem-district-directory = is a directory
problem-district-unreadable = cannot read the file: { $message }
problem-district-unknown-column = unknown column `{ $given }` ({ $valid })
problem-district-missing-columns = missing column(s) `{ $names }`

# A what-if's question (`resim whatif --add/--remove/--set`).
problem-whatif-unknown-component = { $flag } `{ $name }`: unknown component; valid components: { $names }
problem-whatif-unknown-component-near = { $flag } `{ $name }`: unknown component; did you mean `{ $near }`? valid components: { $names }
problem-whatif-remove-unused = --remove `{ $name }`: the baseline strategy `{ $baseline }` does not use it; it uses: { $used }
problem-whatif-remove-unused-nothing = --remove `{ $name }`: the baseline strategy `{ $baseline }` does not use it; it uses: nothing
problem-whatif-added-and-removed = `{ $name }` is both added and removed
problem-whatif-nothing-changes = nothing changes: `{ $baseline }` already is this strategy; use --add, --remove or --set, e.g. --add contact_book
problem-set-syntax = --set `{ $given }`: write COMPONENT.KEY=VALUE, e.g. --set contact_book.frequency=daily; keys: { $keys }
problem-set-not-a-setting = --set `{ $given }`: `{ $key }` is not a setting; valid settings: { $keys }
problem-set-not-in-strategy = --set `{ $given }`: `{ $name }` is not in the what-if strategy; add it with --add { $name }
problem-set-unreadable = --set { $key }: { $message }
problem-set-refused = --set { $key }: { $message }; valid: { $valid }

# The job layer's refusals.
problem-in-context = { $context }: { $message }

# The job layer's refusals of options, files and results.
problem-job-flag-range = { $flag } { $value }: valid is { $lo } to { $hi }
problem-job-survey-both = --survey-week and --survey-weeks: give one of them
problem-job-survey-week = { $flag } { $week }: valid weeks are 0 (after burn-in) to { $last }, the last week
problem-job-survey-no-week = { $flag }: give at least one week, 0 (after burn-in) to { $last }
problem-job-survey-twice = { $flag }: week { $week } is listed twice (position { $position })
problem-job-no-sweep = { $file }: the scenario has no [sweep] section; add one, e.g.{ $example }
problem-job-streamed-elsewhere = the results were written into { $written } as the job ran; they cannot be written into { $dir }
problem-job-levels = --levels { $value }: valid is an even number from 2 to 100
problem-job-no-scenario = no scenario file `{ $given }` and no bundled scenario of that name; bundled: { $names }
problem-job-report-choice = --subgroup, --outcome and --lang choose what report.html shows; add --report
problem-job-shard-complete = { $file } exists: this shard is already complete; pass --resume to keep it or --force to run it again
problem-job-shard-damaged = { $file } is damaged ({ $why }); pass --resume to run this shard again, or --force
problem-job-shard-version = { $file } was written by resim { $version }, this is resim { $this }: shards of two versions are not mixed in one result; run every shard with one version (--force replaces this one)
problem-job-shard-other-job = { $file } exists and belongs to another job; pass --force to replace it, or use another --out
problem-job-shard-foreign = { $file } is not a shard file ({ $why }); resim does not replace it: move it away, or use another --out
problem-job-unfinished = { $dir } holds an unfinished run; continue it with --resume, or start again with --force
problem-job-results-of = { $file }: results of `{ $kind }`, which this version does not read back

# Merging shards, validation and calibration.
problem-merge-in-memory = these shards were merged in memory; write the results with their own `write`
problem-merge-still-written = { $file } is still being written by process { $pid } on { $host }; merge when every shard has finished
problem-merge-other-files = other files ({ $names })
problem-merge-other-results = results that are not this job's ({ $names })
problem-merge-out-holds = { $dir } holds { $what }; pass --force to replace the merged files of the same names (other files stay), or merge into another --out
problem-merge-version = the shards were written by resim { $version }, this is { $this }; merge with the same version
problem-merge-no-point = no point in the shards
problem-merge-format-optimise = --format { $format }: an optimise search has no table written as Parquet (only students, trajectories and sweep are); merge without --format
problem-merge-format-sensitivity = --format { $format }: a sensitivity analysis has no table written as Parquet (only students, trajectories and sweep are); merge without --format
problem-job-shard-options = shard options unreadable: { $message }
problem-validate-set-syntax = --set `{ $given }`: write PATH=VALUE, e.g. --set stress.academic_load=0.1
problem-validate-set-no-path = --set `{ $given }`: no path before `=`; write PATH=VALUE, e.g. --set stress.academic_load=0.1
problem-validate-none-measurable = none of the { $count } targets in { $name } can be measured
problem-calibrate-tolerance = --tolerance { $value }: give a number of 0 or more
problem-calibrate-budget = --budget 0: give at least 1 simulation
problem-calibrate-all-out-of-sample = every target in { $name } is out of sample (role = out_of_sample); give targets that may be used for fitting
problem-calibrate-resume-unreadable = --resume: { $message }; start without --resume
problem-calibrate-not-a-state = --resume: { $file } is not a calibration state ({ $message })
problem-resume-version = --resume: { $file } was written by resim { $then }, this is resim { $now }: simulations of two versions are not mixed in one search; finish it with resim { $then }, or start again without --resume (--force)
problem-calibrate-other = --resume: { $file } belongs to another calibration (scenario, parameters, ranges, targets, replicates or seed differ); start without --resume or use another --out

# Portfolio searches, `--set PATH=VALUE` and posterior files.
problem-optimise-budget = { $flag } { $value }: valid is a number of 0 or more
problem-optimise-name = { $flag } `{ $given }`: { $valid }
problem-optimise-at-least-1 = { $flag } 0: valid is 1 or more
problem-optimise-too-many = { $count } portfolios: at most { $max }
problem-optimise-shard-replicates = the shard files hold unit { $unit } with { $replicates } replicates, the screening round has { $screen }; run its shard again
problem-optimise-shard-twice = the shard files hold unit { $unit } twice; remove the stale shard files and run the shards again
problem-optimise-shard-price = the shard files lack the price of component { $component } (shard 0 writes the prices); run shard 0 again
problem-optimise-resume-none = --resume: { $dir } holds no unfinished search (no { $file }); start without --resume
problem-optimise-resume-unreadable = --resume: { $message }; start again with --force
problem-optimise-not-a-state = --resume: { $file } is not the state of a search ({ $message }); start again with --force
problem-optimise-resume-version = --resume: { $file } was written by resim { $then }, this is resim { $now }: simulations of two versions are not mixed in one search; finish it with resim { $then }, or start again with --force
problem-optimise-other = --resume: { $file } belongs to another search (scenario, budget, objective, components, replicates, seed or settings search differ); resume with the same options, or start again with --force
problem-optimise-unfinished = { $dir } holds an unfinished search; continue it with --resume, or start again with --force
problem-optimise-shard-other = the shard files hold { $count } of the screening round's { $total } portfolios: they were not written by this search; remove them and run the shards again
problem-optimise-over-budget = no portfolio keeps to the budget ({ $budget }); the cheapest component alone, { $cheapest }, costs { $cost } per student per year
problem-set-path-syntax = --set `{ $given }`: write PATH=VALUE, e.g. --set stress.academic_load=0.06 (`resim list parameters` lists the paths)
problem-set-path = `{ $key }`: { $message } (valid: { $valid })
problem-set-paths = --set { $set }: { $problems }
problem-then = { $first }{ $separator }{ $next }
problem-posterior-missing = { $file }: no such posterior file; valid: a CSV file with the columns of { $shipped } (generation, particle, weight, distance, then one column per parameter path), or leave --posterior out for the shipped posterior
valid-posterior-columns = the columns of { $shipped }: generation, particle, weight, distance, then one number per parameter path
problem-in-posterior-one = { $count } problem in posterior { $file }
problem-in-posterior-many = { $count } problems in posterior { $file }

# The studio's answers and scenarios.
problem-answer-no-scenario = { $name }: no scenario in the manifest
problem-answer-not-whatif = { $name }: not the answer of a what-if question
problem-answer-no-baseline = { $name }: no strategy to compare with
problem-studio-no-scenario = scenario `{ $name }`: not a bundled scenario nor a file of the scenarios folder; valid: { $names }

# Sensitivity analysis (`resim sensitivity`, the studio's Morris and Sobol' jobs).
problem-sensitivity-output-shape = --output { $text }: expected STRATEGY:OUTCOME[:SUBGROUP], e.g. { $example }:resilience:rural
problem-sensitivity-baseline =
    --output { $text }: `{ $name }` is the baseline, whose g is 0 by definition
          valid: { $valid }
problem-sensitivity-no-strategy =
    --output { $text }: no strategy `{ $name }`
          valid: { $valid }
problem-sensitivity-no-outcome =
    --output { $text }: no outcome `{ $name }`
          valid: { $valid }
problem-sensitivity-no-subgroup =
    --output { $text }: no subgroup `{ $name }`
          valid: { $valid }
problem-sensitivity-no-sweep = the scenario has no [sweep] section; a sensitivity analysis needs parameter ranges, e.g.{ $example }
problem-sensitivity-not-a-range = [sweep] `{ $path }` is a list of values; a sensitivity analysis needs a range `{ "{" } from = ..., to = ... { "}" }`

# Calibration's parameters (`resim calibrate --param`).
problem-calibrate-usage = write --param PATH=LO..HI, e.g. --param stress.academic_load=0.05..0.12
problem-calibrate-no-equals = --param `{ $arg }`: no `=`; { $usage }
problem-calibrate-no-range = --param `{ $arg }`: the range needs `..`; { $usage }
problem-calibrate-not-a-number = --param `{ $arg }`: `{ $text }` is not a number; { $usage }
problem-calibrate-path = --param `{ $arg }`: { $message }; valid: { $valid }
problem-calibrate-whole-number = --param `{ $arg }`: `{ $path }` holds a whole number; calibrate fits real-valued parameters (model parameters, traits, shares, component settings)
problem-calibrate-empty-range = --param `{ $arg }`: the range must be LO..HI with LO < HI
problem-calibrate-outside-valid = --param `{ $arg }`: `{ $path }` is valid { $range }; choose a range inside it
problem-calibrate-refused-end = --param `{ $arg }`: { $end } is refused at `{ $path }`: { $message }; valid: { $valid }
problem-calibrate-no-params = no --param given: name at least one parameter to fit
problem-calibrate-duplicate = --param `{ $path }` is given twice
problem-calibrate-nothing-measurable = none of the { $count } targets can be measured on scenario `{ $scenario }` or their bundled validation scenarios
problem-calibrate-scenarios = the targets' scenarios cannot be set up: { $message }
problem-calibrate-unused = --param `{ $path }`: none of the scenarios the targets are measured on ({ $scenarios }) has this path, so it cannot change the fit
problem-calibrate-refused-values = { $key }: { $message } (valid: { $valid })
problem-calibrate-refused = the scenario is refused
problem-resume-version-early = 0.2.0 or earlier

# A sweep's or sensitivity analysis's journal of finished points.
problem-journal-unfinished = { $dir } holds the journal of an unfinished run; continue it with --resume, or start again with --force
problem-journal-other-version = the journal in { $dir } was written by resim { $journal }, this is resim { $now }: points of two versions are not mixed in one result; finish it with resim { $journal }, or start again with --force
problem-journal-other-job = the journal in { $dir } belongs to another job: { $differences }; resume with the same scenario and options, or start again with --force
problem-journal-damaged-plan = { $file }: damaged ({ $why }); start again with --force
problem-journal-damaged-point = { $file }: damaged journal entry ({ $why })

# A portfolio search's budget (`resim optimise --max-cost --max-hours`).
valid-budget-cost = at most { $cost } per student per year
valid-budget-hours = at most { $hours } teacher hours per class per term
valid-budget-both = { $cost } and { $hours }
valid-budget-none = no budget

# --- validation targets, interruptions, objectives ---
# A targets file (`resim validate --targets`, `resim calibrate --targets`).
problem-targets-at-line = { $file }:{ $line }: { $message }
problem-targets-in-file = { $file }: { $message }
problem-targets-unreadable = cannot read the targets file: { $error }
problem-targets-not-utf8 = the targets file is not UTF-8 text
problem-targets-header = cannot read the header: { $error }
valid-targets-columns = a targets file has the columns { $columns } ({ $required } and { $last } required; { $optional } optional)
problem-targets-missing-column = missing column { $names }; { $valid }
problem-targets-missing-columns = missing columns { $names }; { $valid }
problem-targets-unknown-column = unknown column `{ $name }`; { $valid }
problem-targets-unknown-column-near = unknown column `{ $name }`; did you mean `{ $near }`? { $valid }
problem-targets-column-twice = column `{ $name }` appears twice
problem-targets-not-csv = not valid CSV: { $error }
problem-targets-column = column `{ $column }`: { $message }
problem-targets-not-a-number = `{ $text }` is not a number (e.g. 0.39)
problem-targets-role = `{ $text }` is not a role; valid: calibration (may be used for fitting, the default), out_of_sample (never used for fitting)
problem-targets-not-whole = `{ $text }` is not a whole number of weeks (e.g. 52)
problem-targets-not-weeks = `{ $text }` is not a list of weeks (whole numbers joined by `;`, e.g. 6;12;30;36)
problem-targets-empty-id = empty `id`; every target needs one
problem-targets-band = target `{ $id }`: the band must hold the value (low ≤ value ≤ high), got { $low } ≤ { $value } ≤ { $high }
problem-targets-scenario = `{ $name }` is not a bundled validation scenario; valid: { $names } (or empty for the target's own)
problem-targets-not-window = target `{ $id }` is not a statistic read over the survey window ({ $measure }); leave the cell empty
problem-targets-not-lagged = target `{ $id }` is not a stability or persistence ({ $measure }); leave the cell empty
problem-targets-not-follow-up = target `{ $id }` is not a follow-up effect ({ $measure }); leave the cell empty
problem-targets-lag-zero = a lag of 0 weeks; valid: 1 or more weeks
problem-targets-twice = target `{ $id }` is listed twice; ids must be unique
problem-targets-none = no targets in the file
problem-validate-set-refused = --set { $key }: { $message } in scenario `{ $scenario }` (valid: { $valid })
problem-validation-failed-one = { $count } target outside the band or not measured: { $ids }
problem-validation-failed-many = { $count } targets outside the band or not measured: { $ids }
# A job stopped by cancellation: what was kept, and how to continue.
problem-stopped-nothing-changed = stopped cleanly; no result file was written or changed
problem-stopped-nothing-written = stopped cleanly, no result files were written
problem-stopped-points-saved = stopped cleanly; { $saved } of { $total } points are saved in { $dir }; continue with --resume
problem-stopped-merge-saved = stopped; the search so far is in { $file } — merge again to continue
problem-stopped-search-saved = stopped; the search so far is in { $file } — continue with --resume
problem-stopped-calibration-saved = stopped after { $evaluations } simulations; the search state of iteration { $iteration } is in { $file } — continue with --resume
# What a calibration's parameter may range over; what differs in a journal, and why an entry is damaged.
valid-from-to = from { $lo } to { $hi }
problem-journal-difference = { $path } is { $then } in the journal, { $now } now
problem-journal-absent = absent
problem-journal-record-differs = its record differs
problem-journal-after-trailer = bytes after the trailer
problem-journal-no-checksum = no checksum: cut short, or written by an older version
problem-journal-entry-other-job = it belongs to another job
problem-journal-checksum = checksum mismatch
problem-journal-holds-point = holds point { $point }

# An output directory locked by another job.
problem-busy = { $dir } is in use by process { $pid } on { $host } (lock file { $lock }); wait for it to finish, or, if that process is gone (a failed node), remove the lock file

# --- internal errors, measures, reasons ---
# A bug or a failing system, said by resim (the system's own error text stays as written).
problem-internal-whatif-refused = the what-if scenario was refused
problem-internal-whatif-lost = the what-if strategy was lost
problem-internal-whatif-read-back = the what-if scenario does not read back: { $message }
problem-internal-merged-run-written = the merged run is already written
problem-internal-merged-search-written = the merged search is already written
problem-internal-merged-search-differs = the merged search differs from the shards' options
problem-internal-shard-written = the shard is already written
problem-internal-cannot-write = cannot write { $file }: { $message }
problem-internal-encode = cannot encode { $file }: { $message }
problem-internal-fitted-refused = fitted values refused: { $message }
problem-internal-threads = cannot start { $threads } threads: { $message }
problem-internal-server-start = cannot start the server: { $message }
problem-internal-server-stopped = the server stopped: { $message }
problem-internal-chart = cannot draw chart { $name }: { $message }
problem-internal-exec-stopped = stopped; { $saved } points are saved
problem-internal-other-replicates = journal point { $point } holds other replicates than this shard runs; start again with --force
problem-internal-invalid-point = point { $point }: invalid scenario: { $problems }
problem-internal-point-problem = { $key } { $message }

# What a validation target measures (`Measure::describe`).
problem-measure-effect = Hedges' g of [{ $components }] vs usual practice on { $outcome } ({ $subgroup }), { $at }
problem-measure-at-end = end of programme
problem-measure-after-end = { $weeks } weeks after the end of programme
problem-measure-prevalence = prevalence of depressive symptoms under usual practice ({ $subgroup }), survey window
problem-measure-correlation = Pearson r of { $x } with { $y } under usual practice ({ $subgroup }), survey window
problem-measure-odds-ratio = odds ratio of depressive symptoms, { $group } vs { $reference }, usual practice, survey window
problem-measure-prevalence-ratio = prevalence ratio of depressive symptoms, { $group } vs { $reference }, usual practice, survey window
problem-measure-smd = Hedges' g of { $measure }, { $group } minus { $reference }, usual practice, survey window
problem-measure-stability = rank-order stability (r) of { $measure }, window weeks to { $lag } later, usual practice ({ $subgroup })
problem-measure-persistence = share of students screening positive at a window week still positive { $lag } later, usual practice ({ $subgroup })
problem-measure-term-change = prevalence of depressive symptoms in the last 4 weeks of the last term over weeks 2-9 of that term, usual practice ({ $subgroup })
problem-measure-lag-year = a year
problem-measure-lag-years = { $years } years
problem-measure-difference = { $first } minus { $second }
problem-measure-ratio = { $first } over { $second }
problem-measure-each = each of: { $parts }

# Why a shard file is damaged, and what differs between two jobs' shards.
problem-shard-why-empty = empty file
problem-shard-why-truncated = the file is truncated
problem-shard-why-not-utf8 = not UTF-8 text
problem-shard-why-no-trailer-truncated = no trailer: the file is truncated
problem-shard-why-checksum = checksum mismatch
problem-shard-why-out-of-order = points out of order
problem-shard-why-no-trailer = no trailer
problem-shard-why-beyond = points beyond the job
problem-shard-differs-count = N = { $this } vs { $first }
problem-shard-differs-hash = scenario hash { $this } vs { $first }
problem-shard-differs-version = written by resim { $this } vs resim { $first }
problem-shard-differs-command = command { $this } vs { $first }
problem-shard-differs-replicates = replicates { $this } vs { $first }
problem-shard-differs-seed = seed { $this } vs { $first }
problem-shard-differs-points = points { $this } vs { $first }
problem-shard-differs-option-keys = options differ: { $keys }
problem-shard-differs-options = options differ
problem-shard-differs-work = different command or options (kind, replicates, seed, design)

# Why a result file is not whole (its manifest lists another size or checksum).
problem-results-why-too-large = more than the { $listed } bytes listed
problem-results-why-missing = missing
problem-results-why-size = { $found } bytes, { $listed } listed
problem-results-why-checksum = checksum { $found }, { $listed } listed

# A results folder `resim report` (or a what-if's answer) cannot read.
problem-report-file-missing = { $dir }/{ $name } is missing
problem-report-no-strategies = { $dir }/strategies.csv has no strategies
problem-report-baseline-missing = { $dir }: the baseline `{ $baseline }` named in manifest.json is not in strategies.csv
problem-report-header-hint = { $message }; was it written by `resim run`?
problem-report-not-json = { $file }: not valid JSON: { $message }
problem-report-manifest-key = { $file }: missing or wrong `{ $key }`

# A result file that does not read back into its rows (CSV or Parquet).
problem-read-file = { $file }: { $reason }
problem-read-file-line = { $file }:{ $line }: { $reason }
problem-read-file-column = { $file }: column `{ $column }`: { $reason }
problem-read-file-line-column = { $file }:{ $line }: column `{ $column }`: { $reason }
problem-read-unequal-lengths = { $len } fields where the header has { $expected }
problem-read-missing-column = missing column { $names }
problem-read-missing-columns = missing columns { $names }
problem-read-expected-columns = expected the columns `{ $columns }` from column { $from }
problem-read-outcome-columns = expected the outcome columns `{ $expected }` after `sex`, found `{ $found }`
problem-read-no-parquet = this resim was built without Parquet support (the `parquet` cargo feature); rebuild it with `cargo build --release --features parquet`
problem-read-not-parquet = not a Parquet file ({ $message })
problem-read-parquet-type = holds { $found }, expected { $expected }
problem-read-parquet-column = expected column `{ $name }` at position { $position }, found `{ $found }`
problem-read-parquet-no-column = expected column `{ $name }` at position { $position }, found no column
problem-read-parquet-extra-field = more fields than columns
problem-read-parquet-null = missing (null) where a value is needed
problem-read-parquet-kind = a { $kind } column cannot be read
# A cell of a result file that does not read as its value.
problem-cell-not-a-number = `{ $text }` is not a number (or NA)
problem-cell-not-a-whole-number = `{ $text }` is not a whole number (or NA)
problem-cell-missing-whole-number = NA where a whole number is needed
problem-cell-missing-name = NA where a name is needed
problem-cell-not-a-flag = `{ $text }` is not 0 or 1

# --- shards, output folders, input files, resource limits ---
# A shard of a job (`--shard`) and merging the shards (`resim merge`).
problem-shard-bad-spec = --shard { $text }: expected I/N with 0 ≤ I < N (e.g. 0/4, the first of four), or `auto` inside a Slurm array job
problem-shard-slurm-unset = --shard auto: { $var } is not set; run inside a Slurm array job (sbatch --array=0-N) or give --shard I/N
problem-shard-slurm-not-a-number = --shard auto: { $var }={ $value } is not a whole number
problem-shard-slurm-tasks = --shard auto: task { $id } with SLURM_ARRAY_TASK_MIN={ $min } and SLURM_ARRAY_TASK_COUNT={ $count } is not one of { $count } consecutive tasks; use --array=A-B without a step, or --shard I/N
problem-shard-io = { $file }: { $message }
problem-shard-not-a-shard = { $file }: not a shard file ({ $message })
problem-shard-format = { $file }: format `{ $found }`, this program reads `{ $format }`
problem-shard-damaged = { $file }: damaged shard file ({ $why }); run this shard again
problem-shard-no-dir = no shard files in { $shards }: { $message }; run `resim run|sweep|sensitivity|optimise ... --out { $dir } --shard I/N` first
problem-shard-none = no shard files (shard-I-of-N.json) in { $shards }
problem-shard-misnamed = { $file }: holds shard { $shard } but is named { $name }
problem-shard-mismatch = { $file } does not belong with { $first }: { $differences }; remove the stale files or merge each job in its own directory
problem-shard-duplicate = shard { $shard } appears twice: { $first } and { $second }
problem-shard-missing =
    { $missing } of { $count } shards missing: { $list }
    { "  " }run just those again (`--shard I/{ $count }` for I in { $list }; on Slurm `RESIM_SHARDS={ $count } sbatch --array={ $list } scripts/slurm/array.sbatch`), then merge
problem-shard-replicate-beyond = point { $point }: replicate { $replicate } is beyond the job's { $replicates }
problem-shard-replicate-twice = point { $point }: replicate { $replicate } appears twice
problem-shard-replicate-missing = point { $point }: replicate { $replicate } is in no shard file; run its shard again
problem-shard-point-missing = point { $point } is in no shard file
# An output folder refused, a result set that is not whole.
problem-output-not-empty = output directory { $dir } is not empty; choose another --out or pass --force to replace its files
problem-output-not-a-directory = output path { $path } exists and is not a directory; choose another --out
problem-output-unwritable = cannot write into { $dir }: { $message }; choose another --out
problem-output-symlink = { $path } is a symbolic link; resim writes only into real directories inside the output directory (remove the link or choose another --out)
problem-output-bad-lock = { $dir } is locked by { $lock }, which resim cannot read ({ $why }); if no resim job is writing there, remove it
problem-output-replaces-input = { $file } would be replaced by this job's { $name }, but it is the input scenario; choose another --out or move the scenario out of { $dir }
problem-output-io = cannot write { $file }: { $message }
problem-results-no-manifest = { $dir } holds no results: { $manifest } is missing (give a directory written by resim, after the job finished)
problem-results-bad-manifest = { $file }: not a resim manifest ({ $why })
problem-results-manifest-files = files: { $message }
problem-results-not-whole = { $dir }: { $name } does not match { $manifest } ({ $why }): the files there are not one whole set of results — a job was stopped while replacing them, or a file was changed; run the job again
problem-results-not-in-set = { $dir }: { $name } is not one of the results { $manifest } lists (left by an earlier job?)
# An input file read with a cap on its size.
problem-input-too-large = { $file } is larger than { $size } (more than { $cap } bytes), too large for { $what }
problem-input-directory = { $file } is a directory
problem-input-unreadable = cannot read { $file }: { $message }
problem-input-what-scenario = a scenario
problem-input-what-targets = a targets file
problem-input-what-district = a district file
problem-input-what-posterior = a posterior
problem-input-what-manifest = a manifest
problem-input-what-result = a result file
problem-input-what-this-result = this result file
problem-input-what-results = a results file
problem-input-what-lock = a lock file
problem-input-what-journal-plan = a journal plan
problem-input-what-calibration-checkpoint = a calibration checkpoint
problem-input-what-optimise-checkpoint = an optimise checkpoint
problem-input-what-job = a job
problem-input-what-studio-record = the studio's record
# A run over the resource guard's limits (work, memory).
problem-guard-work = { $students } students × ({ $burn_in } burn-in weeks + { $strategies } strategies × { $weeks } weeks) × { $replicates } replicates = { $student_weeks } student-weeks, more than the limit of { $limit } student-weeks for one run; use fewer replicates, students, weeks or strategies
problem-guard-memory = this run needs about { $need } of memory (estimate for { $threads }{ $with }), more than a run may use: at most { $share } % of the memory available, and { $available } is available ({ $source }), so { $may }; use fewer students, strategies or --threads{ $hint }
problem-guard-thread = { $count } thread
problem-guard-threads = { $count } threads
problem-guard-with-students = { " " }with --students
problem-guard-leave-out-students = , or leave out --students
problem-guard-source-meminfo = MemAvailable in /proc/meminfo
problem-guard-source-cgroup = room under the cgroup memory limit in { $file }
problem-guard-source-env = limit set by { $var }
problem-guard-bad-limit = { $var }={ $value } is not an amount of memory; valid: bytes, or a number with K, M, G or T (powers of 1024), e.g. { $var }=8G
problem-format-no-parquet = --format { $format }: this resim was built without Parquet support; rebuild it with `cargo build --release --features parquet`, or use --format csv
# A report refused (`resim report`, a results folder in the studio).
problem-report-subgroup = --subgroup `{ $name }`: unknown subgroup; valid: { $valid }
problem-report-outcome = --outcome `{ $name }`: unknown outcome; valid: { $valid }
problem-report-exists = { $file } exists; pass --force to replace it
problem-report-not-a-directory = { $dir } is not a directory; give a directory written by `resim run`
problem-report-unreadable = { $message }; give a directory written by `resim run`
problem-report-no-manifest = cannot read { $file }: no such file; give a directory written by `resim run` (effects.csv, trajectories.csv, strategies.csv, survey.csv and manifest.json)
problem-report-other-command = { $dir } holds the results of `resim { $command }`; a report is drawn from the results of `resim run`
problem-report-subgroup-empty = --subgroup `{ $name }`: no students in this subgroup in { $dir }; subgroups with students: { $valid }
problem-report-outcome-absent = --outcome `{ $name }`: { $file } has no results for it
