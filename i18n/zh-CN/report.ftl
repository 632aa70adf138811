# HTML 报告（src/report/）：标题、句子、表头、图表标题、图注与坐标轴。
# 每个消息 id 都以 `report-` 开头。
# 参数均为文本：数字已按报告的格式写好（一位小数，绝对值小于 1 时两位），
# 名称保持原样。
# id 以 `-html` 结尾的消息含有标记：报告先转义其参数，再原样放入页面。

## 数字与区间
report-interval-range = { $lo }–{ $hi }
report-interval-to = { $lo } 至 { $hi }
report-interval-mc = 95 % 区间
report-interval-ui = 95 % 不确定性区间
report-percent = { $value } %
report-value-interval = { $value }（{ $interval }）
report-sentence-gap = { "" }
report-and = { $first } 与 { $second }
report-none = —
report-yes = 是
report-no = 否
report-not-recorded = 未记录

## 亚组的学生
report-who-all = 全体学生
report-who-rural = 农村学生
report-who-urban = 城市学生
report-who-left_behind = 留守儿童
report-who-not_left_behind = 父母均在家的学生
report-who-one_parent = 父母一方外出务工的学生
report-who-both_parents = 父母双方外出务工的学生
report-who-minority = 少数民族学生
report-who-majority = 多数群体学生
report-who-low_trust = 低信任家庭的学生
report-who-female = 女生
report-who-male = 男生
report-who-other = { $name } 亚组的学生

## 亚组的简称（森林图）
report-group-all = 全体
report-group-rural = 农村
report-group-urban = 城市
report-group-left_behind = 留守
report-group-not_left_behind = 非留守
report-group-one_parent = 父母一方外出
report-group-both_parents = 父母双方外出
report-group-minority = 少数民族
report-group-majority = 多数群体
report-group-low_trust = 低信任家庭
report-group-female = 女生
report-group-male = 男生

## 结局指标的简称
report-outcome-resilience = 心理韧性
report-outcome-distress = 心理困扰
report-outcome-depressive = 抑郁症状
report-outcome-social_competence = 社交能力
report-outcome-academic_engagement = 学业投入
report-outcome-self_efficacy = 自我效能感
report-outcome-emotion_regulation = 情绪调节
report-outcome-perceived_support = 感知到的支持
report-outcome-hope = 希望感
report-outcome-parent_efficacy = 家长效能感

## 结论：每项策略一段
report-subject-what-if = 这一假设改变
report-resilience-raised = 使心理韧性提高了 { $size } 分（{ $label } { $interval }）
report-resilience-lowered = 使心理韧性降低了 { $size } 分（{ $label } { $interval }）
report-resilience-unclear = 未明显改变心理韧性（{ $diff } 分，{ $label } { $interval }）
report-depressive-fell = 期末有抑郁症状的{ $who }比例下降：{ $before } % → { $after } %（{ $diff } 个百分点，{ $label } { $interval }）。
report-depressive-rose = 期末有抑郁症状的{ $who }比例上升：{ $before } % → { $after } %（{ $diff } 个百分点，{ $label } { $interval }）。
report-depressive-unclear = 期末有抑郁症状的{ $who }比例未明显变化：{ $before } % → { $after } %（{ $diff } 个百分点，{ $label } { $interval }）。
report-costs = 每班每学期教师用时 { $hours } 小时（与 { $base } 相比 { $extra_hours }），每生每年费用 { $cost }（与 { $base } 相比 { $extra_cost }）
report-finding = 对{ $who }而言，与 { $base } 相比，{ $subject } { $clause }；代价为{ $costs }。
report-finding-no-students = 本情景中没有{ $who }；{ $subject } 的代价为{ $costs }。
report-across-all = 就全体学生而言，它{ $clause }。

## 页面
report-title = { $name } — 模拟报告
report-intro-html = 每次重复 { $students } 名学生，{ $strategies } 项策略与基线 <b>{ $baseline }</b> 比较，共 { $weeks } 周，{ $replicates } 次重复（随机种子 { $seed }）。区间为各次重复间的 95 % 蒙特卡洛区间。与全体学生并列显示的亚组为<b>{ $subgroup }</b>。
report-steady-state-warning-html = <b>请谨慎解读：</b>策略开始时，模拟的学生尚未进入稳态，因此下文的轨迹仍带有预热期的漂移，效果也是在一所仍在变化的学校中测得的。{ $line }
report-contents-html = <b>目录：</b> <a href="#findings">结论</a> · <a href="#trajectories">逐周心理韧性</a> · <a href="#depressive">抑郁症状</a> · <a href="#effects">效应量</a> · <a href="#cost">成本与效果</a> · <a href="#decision">是否值得</a> · <a href="#equity">谁受益</a> · <a href="#reproduce">设置与复现</a>
report-figure-title = { $title }。
report-also-in = （另存于 plots/{ $file }）
report-findings-heading = 各项策略的效果
report-nothing-to-compare = 只运行了基线，没有可比较的策略。
report-trajectories-heading = 逐周心理韧性
report-depressive-heading = 逐周抑郁症状
report-effects-heading = 效应量（Hedges g）
report-effects-intro-html = Hedges g 是运行结束时与基线之差，以学生的标准差为单位；对每项结局指标都是正值更好（困扰减轻记为正）。下方的图显示 <b>{ $outcome }</b> 在各亚组中的效应。

## 成本与效果
report-cost-heading = 成本与效果
report-dominated-intro-html = 若另一项策略成本更低、且对心理韧性的提升至少同样多，则该策略<b>被占优</b>。
report-col-strategy = 策略
report-col-components = 组成部分
report-col-cost-year = 每生每年费用
report-col-teacher-hours = 每班每学期教师用时（小时）
report-col-gain = 心理韧性提高（分，95 % 区间）
report-col-depressive-end = 期末抑郁症状比例
report-col-averted = 每百名学生避免的病例数
report-col-dominated = 被占优

## 是否值得？（decision.csv）
report-decision-heading = 是否值得？
report-decision-intro-html = 每生在运行期间的费用包含教师用时，按情景的 <code>economics.teacher_hour_cost</code> 计价。位于<b>前沿</b>的策略不被其他任何策略或两项策略的组合所超越；其<b>增量成本效果比（ICER）</b>是从前一项前沿策略转到该策略时，每多获得一个单位效果所需的成本。相对于基线的<b>净收益</b>按所示的支付意愿为每单位效果计价；其区间和成为最优的概率基于 { $draws } 次重复，{ $vary }。
report-draws-vary-parameters-html = 每次重复都从校准的后验分布中抽取自己的一组参数，因此包含了模型参数尚不确定的部分
report-draws-vary-chance-html = 这些重复只改变模拟中的随机性，不改变模型参数
report-measure-heading-resilience_points = 每名学生获得的心理韧性分数
report-measure-heading-cases_averted = 每名学生避免的抑郁症状病例
report-col-cost-student = 每生费用
report-col-effect = 效果
report-col-status = 状态
report-col-icer = 增量成本效果比（每单位成本）
report-col-net-benefit = 支付意愿为每单位 { $wtp } 时相对于基线的净收益（95 % 区间）
report-col-probability-best = 成为最优的概率
report-status-frontier = 位于前沿
report-status-dominated = 被 { $by } 占优
report-status-extended = 被 { $by } 扩展占优

## 这一选择有多可靠？（ceac.csv、evpi.csv）
report-acceptability-heading = 这一选择有多可靠？
report-acceptability-none-html = 未绘制可接受性曲线：本次运行将模型参数固定为情景中的取值，因此各次重复之间的差异只是蒙特卡洛噪声（增加重复次数即可消除），而不是对模型的不确定性；由此绘出的曲线会显得比证据所支持的确定得多。请加上 <code>--uncertainty</code> 运行（每次重复从校准的后验分布中抽取参数；500 次重复或更多），以得到可接受性曲线和完全信息的价值（<code>ceac.csv</code>、<code>evpi.csv</code>）。
report-acceptability-intro-html = 在 <b>{ $draws } 次抽样</b>中（每次重复都从校准的后验分布中抽取自己的一组参数），曲线显示在每个支付意愿下各项策略取得最高净收益的频率（<code>ceac.csv</code>）。请选择<em>期望</em>净收益最高的策略（圆点）；曲线说明这一选择成为最优的可能性有多大。
report-acceptability-rough-html = 抽样少于 500 次时，曲线和信息价值都较粗略；请用 <code>--replicates 500</code> 或更多次重复运行。
report-evpi-intro-html = <b>完全信息的期望价值</b>（EVPI，<code>evpi.csv</code>）是所选策略相对于每次抽样中最优策略的平均损失：即消除模型参数全部不确定性的研究对这一决策最多值多少。
report-col-measure = 效果指标
report-col-wtp = 每单位支付意愿
report-col-choice = 选择
report-col-probability-it-is-best = 其为最优的概率
report-col-evpi-student = 每生 EVPI
report-col-evpi-population = 情景中全部学生的 EVPI
report-measure-resilience_points = 心理韧性分数
report-measure-cases_averted = 避免的病例
report-evpi-population = { $value }（{ $students } 名学生）

## 谁受益（equity.csv）
report-equity-heading = 谁受益
report-equity-intro-html = 差距是运行结束时第一组的均值减去第二组的均值，分别在基线和每项策略下计算；差距的变化是策略对第一组的效应减去对第二组的效应，附 95 % 蒙特卡洛区间。<b>有利于</b>一栏在整个区间一致时列出获益更多的一组。所有结局指标见 <code>equity.csv</code>。
report-col-groups = 组别
report-col-outcome = 结局指标
report-col-gap-baseline = 基线下的差距
report-col-gap-change = 差距的变化（95 % 区间）
report-col-favours = 有利于
report-gap-groups = { $group } 对比 { $reference }
report-gap-points = { $value } 个百分点
report-gap-change = { $value }（{ $interval }）
report-gap-change-points = { $value } 个百分点（{ $interval }）
report-favours-neither = 均不（区间包含无变化）

## 设置与复现
report-reproduce-heading = 设置与复现
report-setting-program = 程序
report-setting-version = 程序版本
report-setting-git-commit = 构建所用的 git 提交
report-setting-parameter-hash = 参数集哈希（全部模型参数的 FNV-1a）
report-setting-scenario = 情景
report-setting-scenario-file = 情景文件
report-setting-scenario-hash = 情景文件哈希（FNV-1a）
report-setting-seed = 随机种子
report-setting-replicates = 重复次数
report-setting-students = 每次重复的学生数
report-setting-threads = 线程数（结果与之无关）
report-setting-steady-state = 预热期的稳态（resim check）
report-reproduce-command = 用 resim { $version } 逐位复现这些结果：
report-scenario-as-run = 实际运行的情景，写出了全部默认值（另存为 .toml 文件即可再次运行）：

## 图表：标题、图注、坐标轴、图例
report-chart-resilience-title = { $who }的心理韧性（逐周）
report-chart-resilience-caption = 线条：各项策略下的平均心理韧性；阴影带：学生的第 10 至第 90 百分位。越高越好。
report-chart-resilience-axis = 心理韧性（0–100 分）
report-chart-depressive-title = 有抑郁症状的{ $who }比例（逐周）
report-chart-depressive-caption = 线条：各项策略下困扰高于临床阈值的学生比例。越低越好。
report-chart-depressive-axis = 有抑郁症状（占学生的 %）
report-chart-week = 周
report-chart-strategy = 策略
report-chart-forest-axis = 相对于基线的 Hedges g，以标准差为单位（正值更好）
report-chart-forest-label = { $what } · { $strategy }
report-chart-forest-outcomes-title = 对每项结局指标的效应（全体学生）
report-chart-forest-outcomes-caption = 圆点：运行结束时各项策略相对于基线的 Hedges g；横线：95 % 区间。虚线右侧更好。
report-chart-forest-subgroups-title = 对各亚组{ $outcome }的效应
report-chart-forest-subgroups-caption = 圆点：各亚组内各项策略相对于基线的 Hedges g；横线：95 % 区间。虚线右侧更好。
report-chart-cost-title = 成本与对心理韧性的效果（全体学生）
report-chart-cost-caption = 每个圆点是一项策略，附其心理韧性提高的 95 % 区间；空心圆点为被占优的策略（另一项策略成本更低且效果至少相同）。虚线连接未被占优的策略。
report-chart-cost-x = 每生每年费用（货币单位）
report-chart-cost-y = 相对于基线的心理韧性提高（分，0–100 量表）
report-chart-dominated = { $name }（被占优）
report-chart-numbered = { $number } { $name }
report-chart-ceac-title = 各项策略成为最划算选择的可能性（按{ $unit }）
report-chart-ceac-caption = 线条：在每个支付意愿下，各项策略净货币收益最高的参数抽样所占比例；圆点：该处期望净收益最高的策略（可接受性前沿，即应选择的策略）；虚线：情景的参考支付意愿。
report-chart-ceac-x = 每{ $unit }的支付意愿
report-chart-ceac-y = 成为最优的概率（抽样占比）
report-unit-resilience_points = 提高一分心理韧性
report-unit-cases_averted = 避免一例抑郁症状
