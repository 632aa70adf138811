# The HTML report (src/report/): headings, sentences, table headers, chart
# titles, captions and axes. Every id starts with `report-`.
# Arguments are text: numbers come formatted as the report writes them (one
# decimal, two below 1 in size), names as they are.
# A message whose id ends in `-html` holds markup: the report escapes its
# arguments and puts it into the page as it is.

## Numbers and intervals
report-interval-range = { $lo }–{ $hi }
report-interval-to = { $lo } to { $hi }
report-interval-mc = 95 % interval
report-interval-ui = 95 % uncertainty interval
report-percent = { $value } %
report-value-interval = { $value } ({ $interval })
report-sentence-gap = { " " }
report-and = { $first } and { $second }
report-none = —
report-yes = yes
report-no = no
report-not-recorded = not recorded

## The students of a subgroup, as a phrase
report-who-all = all students
report-who-rural = rural students
report-who-urban = urban students
report-who-left_behind = left-behind students
report-who-not_left_behind = students with both parents at home
report-who-one_parent = students with one parent working away
report-who-both_parents = students with both parents working away
report-who-minority = minority-group students
report-who-majority = majority-group students
report-who-low_trust = students from low-trust families
report-who-female = female students
report-who-male = male students
report-who-other = { $name } students

## A subgroup as a short label (forest plots)
report-group-all = all
report-group-rural = rural
report-group-urban = urban
report-group-left_behind = left_behind
report-group-not_left_behind = not_left_behind
report-group-one_parent = one_parent
report-group-both_parents = both_parents
report-group-minority = minority
report-group-majority = majority
report-group-low_trust = low_trust
report-group-female = female
report-group-male = male

## Outcomes, as short labels
report-outcome-resilience = resilience
report-outcome-distress = distress
report-outcome-depressive = depressive
report-outcome-social_competence = social_competence
report-outcome-academic_engagement = academic_engagement
report-outcome-self_efficacy = self_efficacy
report-outcome-emotion_regulation = emotion_regulation
report-outcome-perceived_support = perceived_support
report-outcome-hope = hope
report-outcome-parent_efficacy = parent_efficacy

## Findings: one paragraph per strategy
report-subject-what-if = the what-if change
report-resilience-raised = raised resilience by { $size } points ({ $label } { $interval })
report-resilience-lowered = lowered resilience by { $size } points ({ $label } { $interval })
report-resilience-unclear = did not clearly change resilience ({ $diff } points, { $label } { $interval })
report-depressive-fell = The share of { $who } with depressive symptoms at the end fell: { $before } % → { $after } % ({ $diff } percentage points, { $label } { $interval }).
report-depressive-rose = The share of { $who } with depressive symptoms at the end rose: { $before } % → { $after } % ({ $diff } percentage points, { $label } { $interval }).
report-depressive-unclear = The share of { $who } with depressive symptoms at the end did not clearly change: { $before } % → { $after } % ({ $diff } percentage points, { $label } { $interval }).
report-costs = { $hours } hours of teacher time per class per term ({ $extra_hours } vs { $base }) and a cost of { $cost } per student per year ({ $extra_cost } vs { $base })
report-finding = For { $who }, { $subject } { $clause } compared with { $base }, at { $costs }.
report-finding-no-students = There are no { $who } in this scenario; { $subject } costs { $costs }.
report-across-all = Across all students it { $clause }.

## The page
report-title = { $name } — simulation report
report-intro-html = { $students } students, { $strategies } strategies compared with the baseline <b>{ $baseline }</b> over { $weeks } weeks, { $replicates } replicates (seed { $seed }). Intervals are 95 % Monte Carlo intervals over replicates. The subgroup shown beside all students is <b>{ $subgroup }</b>.
report-steady-state-warning-html = <b>Read with care:</b> the simulated students had not settled into a steady state when the strategies started, so the trajectories below still carry the burn-in's drift, and the effects were measured in a school that was still changing. { $line }
report-contents-html = <b>Contents:</b> <a href="#findings">findings</a> · <a href="#trajectories">resilience over the weeks</a> · <a href="#depressive">depressive symptoms</a> · <a href="#effects">effect sizes</a> · <a href="#cost">cost and effect</a> · <a href="#decision">is it worth it</a> · <a href="#equity">who gains</a> · <a href="#reproduce">settings and reproduction</a>
report-figure-title = { $title }.
report-also-in = (also in plots/{ $file })
report-findings-heading = What each strategy did
report-nothing-to-compare = Only the baseline was run; there is nothing to compare.
report-trajectories-heading = Resilience over the weeks
report-depressive-heading = Depressive symptoms over the weeks
report-effects-heading = Effect sizes (Hedges' g)
report-effects-intro-html = Hedges' g is the difference from the baseline in standard deviations of students, at the end of the run; positive is better for every outcome (less distress counts as positive). The lower plot shows <b>{ $outcome }</b> in every subgroup.

## Cost and effect
report-cost-heading = Cost and effect
report-dominated-intro-html = A strategy is <b>dominated</b> when another costs less and raises resilience at least as much.
report-col-strategy = strategy
report-col-components = components
report-col-cost-year = cost per student per year
report-col-teacher-hours = teacher hours per class per term
report-col-gain = resilience gain, points (95 % interval)
report-col-depressive-end = depressive symptoms at the end
report-col-averted = cases averted per 100
report-col-dominated = dominated

## Is it worth it? (decision.csv)
report-decision-heading = Is it worth it?
report-decision-intro-html = Costs per student over the run include teacher hours valued at the scenario's <code>economics.teacher_hour_cost</code>. A strategy on the <b>frontier</b> is not beaten by another strategy or a mix of two; its <b>ICER</b> is the cost of one more unit of effect when moving to it from the previous frontier strategy. The <b>net benefit</b> over the baseline values each unit of effect at the willingness to pay shown; its interval and the probability of being best are over { $draws } replicates, { $vary }.
report-draws-vary-parameters-html = each with its own parameter set drawn from the calibration's posterior, so they include what the model's parameters leave uncertain
report-draws-vary-chance-html = which vary the simulation's chance only, not the model's parameters
report-measure-heading-resilience_points = resilience points gained per student
report-measure-heading-cases_averted = cases of depressive symptoms averted per student
report-col-cost-student = cost per student
report-col-effect = effect
report-col-status = status
report-col-icer = ICER (cost per unit)
report-col-net-benefit = net benefit over the baseline at { $wtp } per unit (95 % interval)
report-col-probability-best = probability best
report-status-frontier = on the frontier
report-status-dominated = dominated by { $by }
report-status-extended = extendedly dominated by { $by }

## How sure is the choice? (ceac.csv, evpi.csv)
report-acceptability-heading = How sure is the choice?
report-acceptability-none-html = No acceptability curve is drawn: this run kept the model's parameters at the scenario's values, so the differences between its replicates are Monte Carlo noise — which more replicates remove — not uncertainty about the model, and a curve drawn from them would look far more certain than the evidence is. Run with <code>--uncertainty</code> (each replicate draws its parameters from the calibration's posterior; 500 replicates or more) for acceptability curves and the value of perfect information (<code>ceac.csv</code>, <code>evpi.csv</code>).
report-acceptability-intro-html = Over <b>{ $draws } draws</b> — replicates, each with its own parameter set drawn from the calibration's posterior — the curves show how often each strategy has the highest net benefit at each willingness to pay (<code>ceac.csv</code>). Choose the strategy with the highest <em>expected</em> net benefit (the dots); the curve says how likely that choice is to be the best one.
report-acceptability-rough-html = With fewer than 500 draws the curves and the value of information are rough; run with <code>--replicates 500</code> or more.
report-evpi-intro-html = The <b>expected value of perfect information</b> (EVPI, <code>evpi.csv</code>) is what the chosen strategy loses on average against the best strategy of each draw: the most that research removing all uncertainty about the model's parameters could be worth for this decision.
report-col-measure = measure
report-col-wtp = willingness to pay per unit
report-col-choice = choice
report-col-probability-it-is-best = probability it is best
report-col-evpi-student = EVPI per student
report-col-evpi-population = EVPI for the scenario's students
report-measure-resilience_points = resilience points
report-measure-cases_averted = cases averted
report-evpi-population = { $value } ({ $students } students)

## Who gains (equity.csv)
report-equity-heading = Who gains
report-equity-intro-html = A gap is the first group's mean minus the second's at the end of the run, under the baseline and under each strategy; its change is the strategy's effect on the first group minus its effect on the second, with its 95 % Monte Carlo interval. <b>Favours</b> names the group that gains more when the whole interval agrees. Every outcome is in <code>equity.csv</code>.
report-col-groups = groups
report-col-outcome = outcome
report-col-gap-baseline = gap under the baseline
report-col-gap-change = change of the gap (95 % interval)
report-col-favours = favours
report-gap-groups = { $group } vs { $reference }
report-gap-points = { $value } percentage points
report-gap-change = { $value } ({ $interval })
report-gap-change-points = { $value } percentage points ({ $interval })
report-favours-neither = neither (the interval holds no change)

## Settings and reproduction
report-reproduce-heading = Settings and reproduction
report-setting-program = program
report-setting-version = program version
report-setting-git-commit = built from git commit
report-setting-parameter-hash = parameter set hash (FNV-1a of every model parameter)
report-setting-scenario = scenario
report-setting-scenario-file = scenario file
report-setting-scenario-hash = scenario file hash (FNV-1a)
report-setting-seed = seed
report-setting-replicates = replicates
report-setting-students = students per replicate
report-setting-threads = threads (results do not depend on them)
report-setting-steady-state = steady state of the burn-in (resim check)
report-reproduce-command = To reproduce these results bit for bit with resim { $version }:
report-scenario-as-run = The scenario as run, with every default written out (save it as a .toml file to run it again):

## Charts: titles, captions, axes, legends
report-chart-resilience-title = Resilience of { $who }, week by week
report-chart-resilience-caption = Lines: mean resilience under each strategy; shaded bands: 10th to 90th percentile of students. Higher is better.
report-chart-resilience-axis = resilience (0–100 points)
report-chart-depressive-title = Share of { $who } with depressive symptoms, week by week
report-chart-depressive-caption = Lines: share of students whose distress is above the clinical threshold under each strategy. Lower is better.
report-chart-depressive-axis = with depressive symptoms (% of students)
report-chart-week = week
report-chart-strategy = strategy
report-chart-forest-axis = Hedges' g vs baseline, in standard deviations (positive = better)
report-chart-forest-label = { $what } · { $strategy }
report-chart-forest-outcomes-title = Effect on every outcome, all students
report-chart-forest-outcomes-caption = Dots: Hedges' g of each strategy against the baseline at the end of the run; bars: 95 % intervals. Right of the dashed line is better.
report-chart-forest-subgroups-title = Effect on { $outcome } in every subgroup
report-chart-forest-subgroups-caption = Dots: Hedges' g of each strategy against the baseline within each subgroup; bars: 95 % intervals. Right of the dashed line is better.
report-chart-cost-title = Cost against effect on resilience, all students
report-chart-cost-caption = Each dot is a strategy with the 95 % interval of its resilience gain; hollow dots are dominated strategies (another costs less and is at least as effective). The dashed line joins the strategies that are not dominated.
report-chart-cost-x = cost per student per year (currency units)
report-chart-cost-y = resilience gain vs baseline (points, 0–100 scale)
report-chart-dominated = { $name } (dominated)
report-chart-numbered = { $number } { $name }
report-chart-ceac-title = How likely each strategy is the best buy, per { $unit }
report-chart-ceac-caption = Lines: the share of parameter draws in which each strategy has the highest net monetary benefit, at each willingness to pay; dots: the strategy with the highest expected net benefit there (the acceptability frontier, the one to choose); dashed line: the scenario's reference willingness to pay.
report-chart-ceac-x = willingness to pay per { $unit }
report-chart-ceac-y = probability best (share of draws)
report-unit-resilience_points = resilience point gained
report-unit-cases_averted = case of depressive symptoms averted
