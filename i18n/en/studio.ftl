# The studio (`resim serve`): every word a page shows, in English.
# Each message has the same id in i18n/zh-CN/studio.ftl.

studio-name = resim studio
nav-label = Pages
nav-class = Ask about my class
nav-runs = Runs
nav-results = Results
language = Language
language-en = English
language-zh-CN = 简体中文
yes = yes
no = no

sep-colon = {": "}
sep-list = {", "}
sep-clause = {"; "}

error-title = Something went wrong
error-host = This server answers only to its own address: the Host header named another one.
error-origin = A change must come from the studio's own pages: this request came from another site.
error-token = This studio needs its access token: open the address it printed when it started.
error-not-found = There is nothing here by that name.
error-name = That name is not allowed: use a name from the studio's own lists.
error-results = These results could not be read.
error-internal = The studio failed inside; the message below says where.
error-busy = The studio is busy; try again in a moment.
error-resume = This job cannot be resumed.

class-title = Ask about my class
class-intro = Describe your class, tick what you would like to try, and press the button: the model compares it with what your school does now, on the same simulated students.
class-describe = Your class
class-size = Students in the class
class-grade = Grade
class-left-behind = Left-behind children (% of the class)
class-area = Where the school is
class-rural = rural
class-urban = urban
class-components = What the school does now, and what to try
class-components-help = Tick what the school does now, and what you would like to try. Open “Settings” to change how often, for whom and how well a component is done.
class-component = Component
class-now = Does now
class-try = Try
class-settings = Settings
class-now-short = now
class-try-short = try
class-ask = What would change?
class-replicates-note = Each answer simulates your class { $replicates } times (a second or two): the intervals show how sure the answer is.
class-saved = Saved answers
class-compare-pick = compare
class-compare = Compare side by side
class-saved-none = No answers yet: every answer you ask for is saved here.

component-termly_conference = Termly parent meetings
component-termly_conference-help = parent-teacher conferences in the conference weeks, one-way unless two-way
component-contact_book = Home-school contact book
component-contact_book-help = a written record both ways, daily or weekly
component-digital_channel = Digital channel
component-digital_channel-help = app, messages and video calls with carers and migrant parents
component-parent_volunteering = Parent volunteering
component-parent_volunteering-help = parents volunteer in the school or class
component-homework_help = Homework help
component-homework_help-help = parents helped to support homework
component-parent_modelling = Parents model coping
component-parent_modelling-help = a home programme training parents to model emotion regulation and coping
component-behaviour_support = Behaviour support
component-behaviour_support-help = parent training in reinforcement and goal setting at home
component-joint_goal_setting = Joint goal setting
component-joint_goal_setting-help = teacher and parents set realistic goals together and follow them up
component-mh_curriculum = Mental-health lessons
component-mh_curriculum-help = lessons on emotion regulation and coping
component-peer_mentoring = Peer mentoring
component-peer_mentoring-help = older or trained peers mentor students
component-school_psychologist = School psychologist
component-school_psychologist-help = screening and treatment by a psychologist or counsellor
component-community_partnership = Community partnership
component-community_partnership-help = school, families and community working together
component-left_behind_support = Support for left-behind children
component-left_behind_support-help = files, carer education, regular calls with parents, holiday visits
component-teacher_training = Teacher training
component-teacher_training-help = training teachers to work with families
component-culturally_responsive = Culturally responsive practice
component-culturally_responsive-help = working with minority families in ways that fit their culture

setting-frequency = Contacts per week (or daily, weekly, monthly…)
setting-coverage = Share of families reached (0–1)
setting-fidelity = How well it is done (0–1)
setting-two_way = Two-way
setting-target = For

target-all = every student
target-left_behind = left-behind children
target-rural = rural students
target-urban = urban students
target-at_risk = students at risk
target-minority = minority students
target-low_trust = families with low trust

answer-title = The answer
answer-question = What would change for your class of { $students }?
answer-class = A class of { $students }, grade { $grades }, { $area }; { $replicates } simulations, seed { $seed }, one school year.
answer-now = Now
answer-with = with the change
answer-nothing = nothing
answer-settings = settings
answer-depressive = Students with depressive symptoms at the end of the year: { $before } → { $after } of { $students } ({ $diff } students; 95 % interval { $lo } to { $hi }).
answer-resilience = Average resilience (0–100): { $before } → { $after } ({ $diff } points; 95 % interval { $lo } to { $hi }).
answer-left-behind = Left-behind children (about { $count } of { $students }): resilience { $diff } points (95 % interval { $lo } to { $hi }).
answer-teacher-time = Teacher time: { $before } → { $after } hours per class per term ({ $diff }).
answer-cost = Cost: { $before } → { $after } per student per year ({ $diff }).
picture-before = Now: { $marked } of { $students } students with depressive symptoms
picture-after = With the change: { $marked } of { $students } students with depressive symptoms
picture-legend = Each figure is one student; red figures have depressive symptoms (the average over the simulations, rounded to whole students).
answer-download-report = Download the report
answer-all-files = All files of this answer
answer-ask-again = Ask another question
answer-saved = Saved as { $name } in the results folder.

compare-title = Answers side by side
compare-none = Tick two or more saved answers to compare them.

runs-title = Runs
runs-intro = Run a scenario, a sweep, a sensitivity analysis or a portfolio search. { $workers ->
    [one] One job runs
   *[other] { $workers } jobs run
} at a time; up to { $capacity } wait in the queue. Results are saved in the results folder and survive a restart.
runs-start = Start a job
runs-scenario = Scenario
runs-kind = Job
kind-run = Run (with report)
kind-sweep = Sweep
kind-morris = Sensitivity (Morris)
kind-sobol = Sensitivity (Sobol')
kind-optimise = Best portfolio for a budget (optimise)
runs-max-cost = Budget: money per student per year
runs-max-hours = Budget: teacher hours per class per term
runs-no-limit = no limit
runs-kinds-help = A sweep or sensitivity analysis needs a scenario with a [sweep] section (e.g. quickstart_sweep); the budget applies to the portfolio search only.
runs-about-run = Runs every strategy of the scenario on the same synthetic students, replicate after replicate, and writes its results with the report (resim run --report).
runs-about-sweep = Runs the scenario at every point of its [sweep] grid and writes one row per point and strategy (resim sweep); it can resume after a stop.
runs-about-morris = Screens which parameters of the [sweep] section move the outcome most: Morris elementary effects (μ*, σ) over a few trajectories (resim sensitivity --method morris).
runs-about-sobol = Splits the outcome's variance among the [sweep] parameters: Sobol' first-order (S1) and total (ST) indices with bootstrap intervals (resim sensitivity --method sobol).
runs-about-optimise = Searches the portfolios of components for the one that raises the chosen outcome most within the budget, and shows the cost–effect frontier (resim optimise).
runs-kind-help = What each job does is described above.
runs-replicates-help = A whole number of 1 or more; empty keeps the scenario's run.replicates.
runs-seed-help = A whole number; empty keeps the scenario's run.seed. The same seed gives the same results.
runs-sensitivity-legend = Sensitivity analysis sizes (Morris, Sobol')
runs-trajectories = Morris: trajectories
runs-levels = Morris: grid levels
runs-samples = Sobol': base samples
runs-bootstrap = Bootstrap resamples of the intervals
runs-range = { $min } to { $max }; empty is { $default }.
runs-even = An even number.
runs-optimise-legend = Portfolio search (optimise)
runs-outcome = Outcome to improve
runs-outcome-help = Raised, or lowered where lower is better (distress, depressive symptoms).
runs-subgroup = Students whose outcome counts
runs-subgroup-help = The search maximises the outcome of this group of students.
runs-budget-help = A number of 0 or more; empty is no limit.
results-kind-optimise = Portfolio search
results-frontier = Cost and effect of every portfolio run in full: the frontier
runs-replicates = Replicates
runs-seed = Seed
runs-default = the scenario's
runs-start-button = Start
runs-jobs = Jobs
runs-job = Job
runs-state = State
runs-none = No jobs yet.
state-queued = waiting
state-running = running
state-done = done
state-cancelled = cancelled
state-interrupted = interrupted (the server stopped)
state-failed = failed

job-progress = Progress
job-progress-text = { $done } of { $total } { $what }
job-eta = about { $seconds } s left
job-cancel = Cancel
job-resume = Resume from where it stopped
job-not-resumable = A plain run cannot be resumed: start it again.
job-see-results = See the results
job-notes = What the job said
job-notes-left-out = … and { $count } more, not kept

results-title = Results
results-kind-run = Run
results-kind-sweep = Sweep
results-kind-sensitivity = Sensitivity analysis
results-output = Output
results-sweep-chart = Change in resilience against { $parameter } (mean over the other swept parameters), with 95 % intervals
results-index-chart = { $index } of each parameter, largest first, with 95 % intervals
results-files = Files
results-report = Report
results-none = No results yet.

unit-replicates = replicates
unit-simulations = simulations

nav-scenarios = Scenarios
error-scenario = This scenario could not be read; the loader's message is below.
error-scenario-copy = The copy could not be saved; the reason is below.

scenarios-title = Scenarios
scenarios-intro = The bundled scenarios and your own. Open one to change any value: every parameter shows its default, valid range, meaning and source, and the model's own checks show each problem beside its field. Save it into your folder, duplicate it, or download it as TOML.
scenarios-folder = Your scenarios folder: { $folder }
scenarios-no-folder = No scenarios folder is set (resim serve --scenarios DIR): scenarios can be checked and downloaded, not saved.
scenarios-name = Scenario
scenarios-origin = From
scenarios-description = Description
scenarios-actions = Actions
scenarios-bundled = bundled
scenarios-yours = your folder
scenarios-download = Download (TOML)
scenarios-duplicate = Duplicate
scenarios-duplicate-label = Duplicate { $name } into your folder

scenario-title = Scenario { $name }
scenario-back = All scenarios
scenario-default = default { $value }
scenario-range = range { $range }
scenario-source = source: { $source }
scenario-problems = { $count ->
    [one] One problem: see the message beside its field.
   *[other] { $count } problems: see the messages beside their fields.
}
scenario-general = The scenario
scenario-strategies = Strategies
scenario-strategies-help = Tick the components of each strategy and open “Settings” to change them; an unticked component is left out. The baseline may have none.
scenario-remove-strategy = remove the strategy { $name }
scenario-in-strategy = In this strategy
scenario-use = use
scenario-new-strategy = New strategy named
scenario-add-strategy = Add the strategy
scenario-sweep = The [sweep] section, as TOML (leave empty for none)
scenario-save = Check and save
scenario-file = Save as file
scenario-overwrite = Replace { $file }, which resim did not write
scenario-check = Check
scenario-save-button = Save
scenario-download-edited = Download as edited
scenario-saved = Saved: the file is exactly what resim check prints for this scenario.
scenario-ok = The scenario is valid.
scenario-district-help = The district's schools: a CSV file in the scenarios folder, as a path relative to it (e.g. districts/example_county.csv). Its rows become the schools below when you check, save or download. Leave it empty to edit the rows here instead.
scenario-district-rows = The district's schools, one per line as TOML (docs/DISTRICTS.md lists the columns).
scenario-district-rows-from-file = Read from the district file above when you check, save or download: edit the CSV file, or empty “district” to edit the rows here.

# Runs and queue
job-error-scenario = The scenario has problems: { $details }
job-error-input = The job was refused: { $details }
job-error-busy = The results folder is in use by another job: { $details }
job-error-stopped = The job stopped: { $details }
job-error-internal = The job failed inside resim (please report it): { $details }
job-error-validation = Validation failed: { $details }
job-message-as-written = { $details }
job-cancelled = Cancelled; no result file was written or changed.
job-cancelled-saved = Cancelled; the points finished so far are saved: resume to go on from them.
job-interrupted = The studio stopped while this job waited or ran; nothing of it was saved.
job-interrupted-saved = The studio stopped while this job ran; the points finished so far are saved: resume to go on from them.
runs-error-full = The queue is full ({ $count } jobs waiting): try again when one has started.
runs-error-stopping = The studio is stopping and takes no new job: start it again after the restart.
runs-error-no-sweep = scenario `{ $scenario }` has no [sweep] section; a sweep or sensitivity analysis needs one (e.g. quickstart_sweep)
runs-error-budget = --{ $flag } { $value }: valid is a number of 0 or more
runs-error-no-job = no job `{ $id }`
runs-error-not-resumable = job `{ $id }` cannot be resumed: only an interrupted sweep or sensitivity analysis can
runs-error-kind = kind `{ $kind }`; valid: { $valid }
runs-error-not-whole = --{ $flag } `{ $value }`: not a whole number
runs-error-not-number = --{ $flag } `{ $value }`: not a number
# Saving a scenario
scenario-save-no-folder = the studio has no scenarios folder (resim serve --scenarios DIR)
scenario-save-bad-name = file name `{ $name }`: not a valid name; valid: { $rule }
scenario-name-rule = 1–64 letters, digits, `_` or `-`
scenario-save-foreign = { $file } is already in the scenarios folder and was not written by resim
