# 输入中的问题（情景文件、设置、参数），简体中文。
# 每条消息与 i18n/en/problems.ftl 中的 id 相同。参数是名称、键和数字
# （写法与命令行相同），或本目录中的其他消息。

problem-verbatim = { $text }
problem-words = { $message }
problem-words-valid = { $message }；有效值：{ $valid }
problem-words-key = { $key }：{ $message }
problem-words-key-valid = { $key }：{ $message }；有效值：{ $valid }

problem-out-of-range = { $value } 超出范围
valid-number-range = { $lo } 到 { $hi } 之间的数
valid-did-you-mean = 您是不是想写 `{ $name }`？有效的名称：{ $names }
valid-one-of = 以下之一：{ $names }

# 工作室中的学区文件路径（情景表单的 `population.district`）。
problem-district-no-folder = 无法读取 `{ $given }`：工作室没有情景文件夹
problem-district-outside = `{ $given }` 不是情景文件夹 { $folder } 中的 `.csv` 文件
valid-district-no-folder = 一个存放学区文件的情景文件夹（resim serve --scenarios DIR）
valid-district-none = 情景文件夹中的 `.csv` 文件，写成相对于该文件夹的路径（不含 `..`、不是绝对路径、不是链接）；{ $folder } 中没有这样的文件
valid-district-files = 情景文件夹中的 `.csv` 文件，写成相对于该文件夹的路径（不含 `..`、不是绝对路径、不是链接）：{ $files }

# 工作室的班级表单（“问问我的班级”）。
problem-not-a-number = `{ $value }` 不是数字
problem-given = `{ $given }`
problem-class-unknown-component = 没有名为 `{ $name }` 的做法；可用的做法：{ $names }
valid-class-size = 学生人数（整数），例如 45
valid-class-grade = 1 到 12 年级
valid-class-left-behind = 0 到 100 之间的百分比

# TOML 读取器对情景文件的报告，换成通俗的话。
problem-unknown-key = 未知的键 `{ $given }`
problem-unknown-value = 未知的值 `{ $given }`
problem-missing = 必须填写，但缺少了
problem-wrong-type = 类型错误：{ $got }
problem-invalid-value = 无效的值：{ $got }
problem-term-not-pair = 学期不是 [第一周, 最后一周] 这样的一对数
problem-table-twice = 表 `[{ $name }]` 出现了两次
problem-key-twice = 键 `{ $key }` 出现了两次
valid-no-keys-here = 这里不能有键
valid-add-key = 添加 `{ $key } = ...`
valid-number = 一个数
valid-dist = 一个表 {"{"} mean = ..., sd = ... {"}"}，其中的数在 0 到 1 之间
valid-week-list = 周次的列表，例如 [19, 20]
valid-list = 一个列表，例如 [7, 8, 9]
valid-week-pair = [第一周, 最后一周] 这样的一对周次
valid-term-pair = [第一周, 最后一周] 这样的一对周次，例如 terms = [[1, 20], [25, 44]]
valid-table = 一个表
valid-section = 一个表，例如 `[{ $key }]` 后接若干行 `key = value`
valid-whole-range = { $lo } 到 { $hi } 之间的整数
valid-whole-from-0 = 0 或更大的整数
valid-whole = 一个整数
valid-schools = { $range }（schools × classes_per_school × class_size 最多 { $max } 名学生）
valid-survey-week = 运行中的一周：从 0（预热期结束）到运行最后一周之间的整数
valid-panel-lag = 1 到 1040 之间的整数周数
valid-calendar-weeks = 0（每年都到年末）或不超过 years × weeks_per_year 的整数周数
valid-school-week = 学年中的一周：1 到 weeks_per_year 之间的整数
valid-start-week = 运行中的一周：1 到运行最后一周之间的整数
valid-end-week = 0（直到运行结束）或从 start_week 起的运行中的一周，为整数
valid-strategy-once = 每个策略名只写一次
valid-table-once = 每个表只写一次
valid-key-once = 每个键只写一次
problem-datetime = 类型错误：日期时间 `{ $value }`
problem-column = 列 `{ $column }`：{ $message }
problem-particle = 第 { $particle } 个粒子：{ $message }

# 学区文件（`population.district`）。
problem-district-file = { $file }：{ $message }
problem-district-line = { $file } 第 { $line } 行：{ $message }
problem-district-column = { $file }，列 `{ $column }`：{ $message }
problem-district-line-column = { $file } 第 { $line } 行，列 `{ $column }`：{ $message }
valid-district-csv = 表头为 `{ $header }`、每所学校一行的 CSV 文件（见 docs/DISTRICTS.md）
problem-district-no-schools = 文件中没有列出任何学校

# `[sweep]` 部分。
problem-not-valid = { $value } 无效
problem-sweep-grid-steps = 网格扫描中的范围需要 `steps`
valid-sweep-grid-steps = 添加 `steps = n`，即从 `from` 到 `to` 取值的个数；或使用 `method = "lhs"` 并给出 `samples = n`
valid-sweep-method = "grid" 或 "lhs"
problem-sweep-lhs-only = `{ $key }` 只用于拉丁超立方扫描
valid-sweep-lhs-only = 添加 `method = "lhs"`，或删除这个键
valid-sweep-samples = 添加 `samples = ...`，即要抽取的点数
problem-sweep-replicates = 重复次数不能扫描
valid-sweep-replicates = 用 `[run] replicates` 或 `--replicates` 设置它；扫描其他参数
problem-sweep-twice = 参数 `{ $path }` 被扫描了两次
valid-sweep-once = 每个参数只写一次
problem-sweep-lhs-list = 拉丁超立方只对范围抽样，不接受列表
valid-sweep-range = 一个范围 `{"{"} from = ..., to = ... {"}"}`
problem-sweep-no-values = 没有给出取值
valid-sweep-values = 数的列表，例如 [0.1, 0.2]，或 `{"{"} from = ..., to = ..., steps = ... {"}"}`
problem-sweep-not-numbers = 列表中含有不是数的内容
valid-sweep-numbers = 数的列表，例如 [0.1, 0.2]
problem-sweep-range = 范围需要数值 `from` 和 `to`
valid-sweep-range-steps = `{"{"} from = ..., to = ..., steps = ... {"}"}`
problem-sweep-lhs-steps = `steps` 在拉丁超立方中没有意义
valid-sweep-lhs-steps = 删除 `steps`；点数由 `samples` 决定
problem-sweep-value = 取值 { $value } 对 `{ $path }` 无效：{ $message }
problem-sweep-none = 没有要扫描的参数
valid-sweep-none = 至少一个带取值的参数路径，例如 `"stress.academic_load" = [0.06, 0.1]`

# `[run]` 部分。
valid-run-week = 从 0（预热期之后）到 { $last }（years × weeks_per_year）之间的一周
problem-week-after-last = 第 { $week } 周在最后一周之后
problem-survey-both = 同时给出了 `survey_week` 和 `survey_weeks`
valid-survey-both = 二者选一：`survey_weeks = [6, 12, 30, 36]`（一个时间窗），或 `survey_week = 44`（一周）
problem-empty-list = 列表为空
valid-survey-weeks = 至少一周，例如 [{ $weeks }]；不写这个键则使用默认时间窗
problem-week-twice = 第 { $week } 周列出了两次
valid-week-once = 每周只写一次
problem-lag = 间隔 { $weeks } 周
valid-lag = 1 到 1040 之间的整数周数，例如一个学年为 44
problem-replicates = { $replicates } 次重复

# 做法的设置（`[strategies.S.COMPONENT]`）。
problem-no-such-week = 第 { $week } 周不存在
valid-end-week-setting = 0（直到运行结束）或从 1 起的一周（周次按整个运行计算）
valid-start-week-setting = 从 1 起的一周（周次按整个运行计算）
problem-end-before-start = 第 { $week } 周早于 start_week = { $start }
valid-end-after-start = 0（直到运行结束）或从 start_week 起的一周
problem-start-after-run = 第 { $week } 周晚于运行的最后一周（第 { $weeks } 周）
valid-week-of-run = 1 到 { $weeks } 之间的一周（运行的长度）

# 必须相互一致的参数。
problem-challenge-not-below = { $value } 不低于 overwhelm_level = { $overwhelm }
valid-challenge-below = 低于压垮水平的挑战水平（适度的挑战增强心理韧性，过多则压垮）
problem-support-weights = 四项支持权重（家庭、教师、同伴、社区）之和为 { $sum }
valid-support-weights = 之和约为 1（从 { $lo } 到 { $hi }）的权重，使感知到的支持保持在 0–1 的尺度上

# 整个情景文件。
problem-file-directory = 是一个文件夹
valid-scenario-file = 一个 TOML 情景文件，例如 scenarios/quickstart.toml
problem-file-larger = 文件超过 { $max } 字节，作为情景文件太大
valid-file-size = 不超过 { $max } 字节的情景文件
problem-file-unreadable = 无法读取文件：{ $why }
valid-readable-file = 可读取的 TOML 情景文件
problem-not-utf8 = 文件不是 UTF-8 文本（偏移 { $offset } 处的字节无效）
valid-utf8 = 以 UTF-8 编码的 TOML 文件
problem-file-bytes = 文件有 { $bytes } 字节，作为情景文件太大
problem-file-empty = 文件是空的
valid-scenario-minimum = 情景至少需要 `name = "..."` 和两个策略；参见 scenarios/quickstart.toml
problem-not-toml = 不是有效的 TOML：{ $why }
valid-toml-syntax = TOML 语法（https://toml.io）
valid-toml = TOML 语法

# 名称、策略及其做法。
problem-scenario-name = `{ $name }` 不能用作情景名称
problem-strategy-name = `{ $name }` 不能用作策略名称
valid-name-rule = 1–64 个字母、数字、`_` 或 `-`
problem-must-be-table = 必须是一个表
valid-strategy-table = 含有做法表的 `[strategies.{ $name }]`，例如 `[strategies.{ $name }.contact_book]`
problem-one-strategy = 只给出了 { $count } 个策略
problem-strategies = 给出了 { $count } 个策略
valid-two-strategies-baseline = 至少两个策略：一个基线（例如 `components = []` 的 `[strategies.usual_practice]`）和一个用来比较的策略
valid-two-strategies = 至少两个策略
problem-no-strategy = 没有名为 `{ $name }` 的策略
problem-no-components = 没有任何做法；只有基线可以为空
valid-add-component = 添加一个做法表，例如 `[strategies.{ $name }.contact_book]`，或 `components = ["contact_book"]`
valid-string = 一个字符串
problem-component-twice = 做法 `{ $name }` 列出了两次
valid-component-once = 每个做法只写一次
problem-unknown-component = 未知的做法 `{ $name }`
valid-component-name = 做法的名称（字符串）
valid-component-list = 做法名称的列表，例如 ["contact_book"]
valid-settings-table = 设置的表，例如带有 `coverage = 0.8` 的 `[{ $key }.{ $name }]`
problem-unknown-component-or-key = 未知的做法或键 `{ $name }`

# `[population]` 部分和学区的学校。
problem-schools = { $count } 所学校
valid-district-schools = 一个学区最多 { $max } 所学校
problem-listed-twice = `{ $name }` 列出了两次
valid-school-once = 每所学校只写一次
problem-district-students = 学区的学校共有 { $students } 名学生，超过了一个情景所能容纳的人数
valid-students = 最多 { $max } 名学生
problem-district-unread = 没有从学区文件中读到任何学校
valid-district-file = 每所学校一行的学区 CSV 文件（见 docs/DISTRICTS.md）
problem-at-least-1 = 至少应为 1
valid-whole-1-or-more = 1 或更大的整数
problem-class-size = 一个班 { $size } 名学生，这不是一个班级
problem-classes = 一所学校 { $classes } 个班，这不是一所学校
problem-too-many-schools = 即使每校只有一名学生，{ $schools } 所学校也超过 { $max } 名学生
problem-too-many-students = schools × classes_per_school × class_size = { $schools } × { $classes } × { $size } = { $students } 名学生，超过了一个情景所能容纳的人数
problem-no-grades = 没有给出年级
valid-grades = 年级的列表，例如 [7, 8, 9]
problem-grade-twice = { $grade } 年级列出了两次
valid-grade-once = 每个年级只写一次，例如 [7, 8, 9]
problem-no-such-grade = 不存在 { $grade } 年级
valid-grade-range = 1 到 12 年级
problem-school-no-name = 学校没有名称
valid-school-name = 学校的名称，例如 `Xinhua Middle School`
problem-left-behind-sum = left_behind_one_parent + left_behind_both_parents = { $sum }，超过 1
valid-left-behind-sum = 两个比例之和不超过 1

# 一个情景文件中的问题，按命令行列出的方式。
problem-in-scenario-one = 情景 { $file } 中有 { $count } 个问题
problem-in-scenario-many = 情景 { $file } 中有 { $count } 个问题
problem-at = { $at }：{ $message }
problem-at-key = { $at }：键 `{ $key }`：{ $message }
problem-valid = 有效值：{ $valid }

# 情景文件的格式版本，以及它要求的计算量。
valid-schema = `schema_version = { $schema }`（或不写 schema_version：即版本 1）
problem-schema-newer = 该文件按情景格式版本 { $given } 编写，比本 resim（{ $program }）能读取的版本 { $schema } 更新；请用更新的 resim 运行（CHANGELOG.md 列出了每个版本的格式）
problem-schema-unknown = 情景格式版本 { $given } 不存在：最早的是版本 { $oldest }，本 resim（{ $program }）读取版本 { $oldest } 到 { $schema }
problem-too-much-work = { $students } 名学生 ×（{ $burn_in } 个预热周 + { $strategies } 个策略 × { $weeks } 周）× { $replicates } 次重复 = { $student_weeks } 学生周，超过了一次运行所能承担的量
valid-work = 最多 { $max } 学生周；减少重复次数、学生、周数或策略
problem-district-replaces = 不适用：学校来自学区文件 `{ $district }`
valid-district-replaces = 删除 `{ $key }`，或删除 `district` 以使用合成的学校（{ $keys }）

# 参数路径（`--set`、`[sweep]`、`--param`）。
problem-noun-number = 一个数
problem-nouns-number = 数
problem-noun-choice = 一个数或一个选项
problem-nouns-choice = 数或选项
problem-not-writable = 情景无法写成 TOML：{ $why }
valid-toml-integers = 不超过 9223372036854775807 的整数（例如 `run.seed`）
problem-path-choice = `{ $path }` 存放的是一个选项（{ $names }），不是数
valid-path-number = 指向一个数的路径；扫描、敏感性分析和校准改变的是数，选项要在情景文件中或用 `resim whatif --set` 修改
problem-path-list = `{ $path }` 存放的是一个列表，不是{ $noun }
problem-path-text = `{ $path }` 存放的是自由文本，不是{ $noun }
valid-path-to = 指向{ $noun }的路径，例如 `stress.academic_load`
problem-not-whole = { $value } 不是能容纳的整数
problem-path-table = 参数路径 `{ $path }` 指向一个表，而不是{ $noun }
problem-path-unknown-section = 参数路径 `{ $path }` 中的部分未知
problem-path-unknown-strategy = 参数路径 `{ $path }` 中的策略未知
problem-path-unknown-component = 参数路径 `{ $path }` 中的做法未知
problem-path-unknown-key = 参数路径 `{ $path }` 中的键未知
valid-path-strategy-empty = 策略 `{ $strategy }` 没有任何做法；请选择一个有做法的策略
valid-path-holds-none = `{ $path }` 中没有{ $nouns }

# 后验分布的粒子（`[draws]`）。
problem-no-particles = 后验分布中没有粒子
valid-particle-rows = 表头下每个粒子一行
problem-particle-weight = 第 { $particle } 个粒子的权重为 { $weight }
valid-weight = 0 或更大的有限权重
problem-zero-weights = 所有粒子的权重都为 0
valid-positive-weight = 至少一个权重为正的粒子

# 学校日历（`[calendar]`）。
problem-calendar-years = { $years } 年
problem-calendar-weeks = { $weeks } 周
problem-calendar-weeks-more = { $weeks } 周，多于 years × weeks_per_year = { $max }
valid-calendar-run-weeks = 0（每一年都运行到年末）或不超过 years × weeks_per_year 的周数
valid-calendar-week = 1 到 weeks_per_year = { $weeks } 之间的周
problem-calendar-term-outside = 学期 [{ $first }, { $last }] 不在学年之内
valid-calendar-term = [first, last]，且 1 ≤ first ≤ last ≤ { $weeks }
problem-calendar-no-terms = 没有给出学期：学校将永远不上课
valid-calendar-terms = 由 [first, last] 周组成的列表，例如 [[1, 20], [25, 44]]，在 1–{ $weeks } 之内
problem-calendar-terms-overlap = 学期 [{ $first }, { $last }] 与学期 [{ $other_first }, { $other_last }] 重叠
valid-calendar-terms-apart = 互不重叠的学期，每个学期在前一个结束之后开始
problem-calendar-week-outside = 第 { $week } 周不在日历之内

# 学区文件的单元格与列。
valid-district-school = 学校名称
valid-district-setting = `rural`（农村）或 `urban`（城市）
valid-district-classes = 1 到 { $max } 之间的班级数（整数）
valid-district-class-size = 1 到 { $max } 之间的每班学生数（整数）
valid-district-one-parent = 0 到 1 之间的比例（例如 0.2 表示 20%）
valid-district-both-parents = 0 到 1 之间的比例（例如 0.15 表示 15%）
valid-district-share = 0 到 1 之间的比例
valid-district-low-income = 0 到 1 之间的比例（0.2 为参照人群中最贫困的五分之一）
valid-district-counsellor = `yes` 或 `no`（也可写 `true`/`false`、`1`/`0`）
valid-district-yes-no = `yes` 或 `no`
problem-district-cell = `{ $cell }` 不是{ $what }
problem-district-too-large = 大于 { $size }，作为学区文件太大
problem-district-directory = 是一个文件夹
problem-district-unreadable = 无法读取文件：{ $message }
problem-district-unknown-column = 未知的列 `{ $given }`（{ $valid }）
problem-district-missing-columns = 缺少列 `{ $names }`

# 假设分析的问题（`resim whatif --add/--remove/--set`）。
problem-whatif-unknown-component = { $flag } `{ $name }`：未知的组件；有效的组件：{ $names }
problem-whatif-unknown-component-near = { $flag } `{ $name }`：未知的组件；您是不是想写 `{ $near }`？有效的组件：{ $names }
problem-whatif-remove-unused = --remove `{ $name }`：基线策略 `{ $baseline }` 没有使用它；它使用的是：{ $used }
problem-whatif-remove-unused-nothing = --remove `{ $name }`：基线策略 `{ $baseline }` 没有使用它；它没有使用任何组件
problem-whatif-added-and-removed = `{ $name }` 既被添加又被移除
problem-whatif-nothing-changes = 没有任何改变：`{ $baseline }` 已经是这个策略；请使用 --add、--remove 或 --set，例如 --add contact_book
problem-set-syntax = --set `{ $given }`：请写成 COMPONENT.KEY=VALUE，例如 --set contact_book.frequency=daily；可设置的键：{ $keys }
problem-set-not-a-setting = --set `{ $given }`：`{ $key }` 不是可设置的项；有效的设置：{ $keys }
problem-set-not-in-strategy = --set `{ $given }`：`{ $name }` 不在假设策略中；请用 --add { $name } 添加它
problem-set-unreadable = --set { $key }：{ $message }
problem-set-refused = --set { $key }：{ $message }；有效值：{ $valid }

# 作业层拒绝的输入。
problem-in-context = { $context }：{ $message }

# 作业层拒绝的选项、文件和结果。
problem-job-flag-range = { $flag } { $value }：有效值为 { $lo } 到 { $hi }
problem-job-survey-both = --survey-week 与 --survey-weeks：只能给出其中之一
problem-job-survey-week = { $flag } { $week }：有效的周为 0（预热期之后）到最后一周 { $last }
problem-job-survey-no-week = { $flag }：请至少给出一周，0（预热期之后）到 { $last }
problem-job-survey-twice = { $flag }：第 { $week } 周被列出了两次（位置 { $position }）
problem-job-no-sweep = { $file }：情景没有 [sweep] 部分；请添加一个，例如{ $example }
problem-job-streamed-elsewhere = 作业运行时结果已写入 { $written }；不能再写入 { $dir }
problem-job-levels = --levels { $value }：有效值为 2 到 100 之间的偶数
problem-job-no-scenario = 没有情景文件 `{ $given }`，也没有这个名字的内置情景；内置情景：{ $names }
problem-job-report-choice = --subgroup、--outcome 和 --lang 选择 report.html 显示的内容；请加上 --report
problem-job-shard-complete = { $file } 已存在：这个分片已经完成；用 --resume 保留它，或用 --force 重新运行
problem-job-shard-damaged = { $file } 已损坏（{ $why }）；用 --resume 重新运行这个分片，或用 --force
problem-job-shard-version = { $file } 由 resim { $version } 写出，当前为 resim { $this }：两个版本的分片不能混在一个结果中；请用同一版本运行所有分片（--force 会替换这一个）
problem-job-shard-other-job = { $file } 已存在且属于另一个作业；用 --force 替换它，或换一个 --out
problem-job-shard-foreign = { $file } 不是分片文件（{ $why }）；resim 不会替换它：请把它移走，或换一个 --out
problem-job-unfinished = { $dir } 中有一个未完成的运行；用 --resume 继续，或用 --force 重新开始
problem-job-results-of = { $file }：`{ $kind }` 的结果，当前版本无法读回

# 合并分片、验证与校准。
problem-merge-in-memory = 这些分片是在内存中合并的；请用它们自己的 `write` 写出结果
problem-merge-still-written = { $file } 仍在由 { $host } 上的进程 { $pid } 写入；请在所有分片完成后再合并
problem-merge-other-files = 其他文件（{ $names }）
problem-merge-other-results = 不属于这个作业的结果（{ $names }）
problem-merge-out-holds = { $dir } 中有{ $what }；用 --force 替换同名的合并文件（其他文件保留），或合并到另一个 --out
problem-merge-version = 这些分片由 resim { $version } 写出，当前为 { $this }；请用同一版本合并
problem-merge-no-point = 分片中没有参数点
problem-merge-format-optimise = --format { $format }：组合搜索没有以 Parquet 写出的表（只有 students、trajectories 和 sweep 有）；请不加 --format 合并
problem-merge-format-sensitivity = --format { $format }：敏感性分析没有以 Parquet 写出的表（只有 students、trajectories 和 sweep 有）；请不加 --format 合并
problem-job-shard-options = 无法读取分片选项：{ $message }
problem-validate-set-syntax = --set `{ $given }`：请写成 PATH=VALUE，例如 --set stress.academic_load=0.1
problem-validate-set-no-path = --set `{ $given }`：`=` 前没有路径；请写成 PATH=VALUE，例如 --set stress.academic_load=0.1
problem-validate-none-measurable = { $name } 中的 { $count } 个目标都无法测量
problem-calibrate-tolerance = --tolerance { $value }：请给出 0 或更大的数
problem-calibrate-budget = --budget 0：请至少给出 1 次模拟
problem-calibrate-all-out-of-sample = { $name } 中的每个目标都是样本外目标（role = out_of_sample）；请给出可用于拟合的目标
problem-calibrate-resume-unreadable = --resume：{ $message }；请不加 --resume 重新开始
problem-calibrate-not-a-state = --resume：{ $file } 不是校准状态文件（{ $message }）
problem-resume-version = --resume：{ $file } 由 resim { $then } 写出，当前为 resim { $now }：两个版本的模拟不能混在一次搜索中；请用 resim { $then } 完成它，或不加 --resume 重新开始（--force）
problem-calibrate-other = --resume：{ $file } 属于另一次校准（情景、参数、范围、目标、重复次数或种子不同）；请不加 --resume 开始，或换一个 --out

# 组合搜索、`--set PATH=VALUE` 与后验文件。
problem-optimise-budget = { $flag } { $value }：有效值为 0 或更大的数
problem-optimise-name = { $flag } `{ $given }`：{ $valid }
problem-optimise-at-least-1 = { $flag } 0：有效值为 1 或更大
problem-optimise-too-many = { $count } 个组合：最多 { $max } 个
problem-optimise-shard-replicates = 分片文件中单元 { $unit } 有 { $replicates } 次重复，而筛选轮为 { $screen } 次；请重新运行它的分片
problem-optimise-shard-twice = 分片文件中单元 { $unit } 出现了两次；请删除过时的分片文件并重新运行分片
problem-optimise-shard-price = 分片文件缺少组件 { $component } 的价格（价格由分片 0 写出）；请重新运行分片 0
problem-optimise-resume-none = --resume：{ $dir } 中没有未完成的搜索（没有 { $file }）；请不加 --resume 开始
problem-optimise-resume-unreadable = --resume：{ $message }；请用 --force 重新开始
problem-optimise-not-a-state = --resume：{ $file } 不是搜索的状态文件（{ $message }）；请用 --force 重新开始
problem-optimise-resume-version = --resume：{ $file } 由 resim { $then } 写出，当前为 resim { $now }：两个版本的模拟不能混在一次搜索中；请用 resim { $then } 完成它，或用 --force 重新开始
problem-optimise-other = --resume：{ $file } 属于另一次搜索（情景、预算、目标、组件、重复次数、种子或设置搜索不同）；请用相同的选项继续，或用 --force 重新开始
problem-optimise-unfinished = { $dir } 中有一次未完成的搜索；用 --resume 继续，或用 --force 重新开始
problem-optimise-shard-other = 分片文件中有筛选轮 { $total } 个组合中的 { $count } 个：它们不是这次搜索写出的；请删除它们并重新运行分片
problem-optimise-over-budget = 没有组合能守住预算（{ $budget }）；最便宜的单个组件 { $cheapest } 每名学生每年花费 { $cost }
problem-set-path-syntax = --set `{ $given }`：请写成 PATH=VALUE，例如 --set stress.academic_load=0.06（`resim list parameters` 列出所有路径）
problem-set-path = `{ $key }`：{ $message }（有效值：{ $valid }）
problem-set-paths = --set { $set }：{ $problems }
problem-then = { $first }{ $separator }{ $next }
problem-posterior-missing = { $file }：没有这个后验文件；有效值：与 { $shipped } 列相同的 CSV 文件（generation、particle、weight、distance，然后每个参数路径一列），或不写 --posterior 以使用随附的后验
valid-posterior-columns = 与 { $shipped } 相同的列：generation、particle、weight、distance，然后每个参数路径一个数
problem-in-posterior-one = 后验 { $file } 中有 { $count } 个问题
problem-in-posterior-many = 后验 { $file } 中有 { $count } 个问题

# 工作室的回答与情景。
problem-answer-no-scenario = { $name }：清单中没有情景
problem-answer-not-whatif = { $name }：不是假设分析问题的回答
problem-answer-no-baseline = { $name }：没有可比较的策略
problem-studio-no-scenario = 情景 `{ $name }`：既不是内置情景，也不是情景文件夹中的文件；有效值：{ $names }

# 敏感性分析（`resim sensitivity`，工作室的 Morris 与 Sobol' 任务）。
problem-sensitivity-output-shape = --output { $text }：应写成 STRATEGY:OUTCOME[:SUBGROUP]，例如 { $example }:resilience:rural
problem-sensitivity-baseline =
    --output { $text }：`{ $name }` 是基线，其 g 按定义为 0
          有效值：{ $valid }
problem-sensitivity-no-strategy =
    --output { $text }：没有策略 `{ $name }`
          有效值：{ $valid }
problem-sensitivity-no-outcome =
    --output { $text }：没有结局 `{ $name }`
          有效值：{ $valid }
problem-sensitivity-no-subgroup =
    --output { $text }：没有亚组 `{ $name }`
          有效值：{ $valid }
problem-sensitivity-no-sweep = 情景没有 [sweep] 部分；敏感性分析需要参数范围，例如{ $example }
problem-sensitivity-not-a-range = [sweep] `{ $path }` 是一组取值；敏感性分析需要一个范围 `{ "{" } from = ..., to = ... { "}" }`

# 校准的参数（`resim calibrate --param`）。
problem-calibrate-usage = 请写成 --param PATH=LO..HI，例如 --param stress.academic_load=0.05..0.12
problem-calibrate-no-equals = --param `{ $arg }`：没有 `=`；{ $usage }
problem-calibrate-no-range = --param `{ $arg }`：范围需要 `..`；{ $usage }
problem-calibrate-not-a-number = --param `{ $arg }`：`{ $text }` 不是数；{ $usage }
problem-calibrate-path = --param `{ $arg }`：{ $message }；有效值：{ $valid }
problem-calibrate-whole-number = --param `{ $arg }`：`{ $path }` 是整数；校准只拟合取实数值的参数（模型参数、特质、比例、组件设置）
problem-calibrate-empty-range = --param `{ $arg }`：范围须写成 LO..HI，且 LO < HI
problem-calibrate-outside-valid = --param `{ $arg }`：`{ $path }` 的有效范围是 { $range }；请在其中选择范围
problem-calibrate-refused-end = --param `{ $arg }`：`{ $path }` 不接受 { $end }：{ $message }；有效值：{ $valid }
problem-calibrate-no-params = 没有给出 --param：请至少指定一个要拟合的参数
problem-calibrate-duplicate = --param `{ $path }` 给出了两次
problem-calibrate-nothing-measurable = { $count } 个目标都无法在情景 `{ $scenario }` 或其内置验证情景上测量
problem-calibrate-scenarios = 无法建立目标的情景：{ $message }
problem-calibrate-unused = --param `{ $path }`：测量目标的情景（{ $scenarios }）中都没有这个路径，因此它不能改变拟合
problem-calibrate-refused-values = { $key }：{ $message }（有效值：{ $valid }）
problem-calibrate-refused = 情景被拒绝
problem-resume-version-early = 0.2.0 或更早的版本

# 参数扫描或敏感性分析的已完成点日志。
problem-journal-unfinished = { $dir } 中有一次未完成运行的日志；用 --resume 继续，或用 --force 重新开始
problem-journal-other-version = { $dir } 中的日志由 resim { $journal } 写出，当前为 resim { $now }：两个版本的点不能混在一个结果中；请用 resim { $journal } 完成它，或用 --force 重新开始
problem-journal-other-job = { $dir } 中的日志属于另一个作业：{ $differences }；请用相同的情景和选项继续，或用 --force 重新开始
problem-journal-damaged-plan = { $file }：已损坏（{ $why }）；请用 --force 重新开始
problem-journal-damaged-point = { $file }：日志条目已损坏（{ $why }）

# 组合搜索的预算（`resim optimise --max-cost --max-hours`）。
valid-budget-cost = 每名学生每年最多 { $cost }
valid-budget-hours = 每班每学期最多 { $hours } 个教师工时
valid-budget-both = { $cost }，且{ $hours }
valid-budget-none = 无预算

# --- validation targets, interruptions, objectives ---
# 目标文件（`resim validate --targets`、`resim calibrate --targets`）。
problem-targets-at-line = { $file }:{ $line }：{ $message }
problem-targets-in-file = { $file }：{ $message }
problem-targets-unreadable = 无法读取目标文件：{ $error }
problem-targets-not-utf8 = 目标文件不是 UTF-8 文本
problem-targets-header = 无法读取表头：{ $error }
valid-targets-columns = 目标文件的列为 { $columns }（{ $required } 和 { $last } 必须有；{ $optional } 可选）
problem-targets-missing-column = 缺少列 { $names }；{ $valid }
problem-targets-missing-columns = 缺少列 { $names }；{ $valid }
problem-targets-unknown-column = 未知的列 `{ $name }`；{ $valid }
problem-targets-unknown-column-near = 未知的列 `{ $name }`；您是不是想写 `{ $near }`？{ $valid }
problem-targets-column-twice = 列 `{ $name }` 出现了两次
problem-targets-not-csv = 不是有效的 CSV：{ $error }
problem-targets-column = 列 `{ $column }`：{ $message }
problem-targets-not-a-number = `{ $text }` 不是数（例如 0.39）
problem-targets-role = `{ $text }` 不是角色；有效值：calibration（可用于拟合，默认）、out_of_sample（从不用于拟合）
problem-targets-not-whole = `{ $text }` 不是整数周数（例如 52）
problem-targets-not-weeks = `{ $text }` 不是周的列表（用 `;` 连接的整数，例如 6;12;30;36）
problem-targets-empty-id = `id` 为空；每个目标都需要一个 id
problem-targets-band = 目标 `{ $id }`：区间必须包含该值（low ≤ value ≤ high），实际为 { $low } ≤ { $value } ≤ { $high }
problem-targets-scenario = `{ $name }` 不是内置的验证情景；有效值：{ $names }（或留空，使用该目标自己的情景）
problem-targets-not-window = 目标 `{ $id }` 不是在调查窗口内读取的统计量（{ $measure }）；请将该单元格留空
problem-targets-not-lagged = 目标 `{ $id }` 不是稳定性或持续性统计量（{ $measure }）；请将该单元格留空
problem-targets-not-follow-up = 目标 `{ $id }` 不是随访效应（{ $measure }）；请将该单元格留空
problem-targets-lag-zero = 间隔为 0 周；有效值：1 周或以上
problem-targets-twice = 目标 `{ $id }` 列出了两次；id 必须唯一
problem-targets-none = 文件中没有目标
problem-validate-set-refused = --set { $key }：在情景 `{ $scenario }` 中{ $message }（有效值：{ $valid }）
problem-validation-failed-one = { $count } 个目标超出区间或未能测量：{ $ids }
problem-validation-failed-many = { $count } 个目标超出区间或未能测量：{ $ids }
# 被取消而停止的作业：保留了什么，以及如何继续。
problem-stopped-nothing-changed = 已干净地停止；没有写入或改动任何结果文件
problem-stopped-nothing-written = 已干净地停止，没有写入结果文件
problem-stopped-points-saved = 已干净地停止；{ $total } 个点中的 { $saved } 个已保存在 { $dir }；用 --resume 继续
problem-stopped-merge-saved = 已停止；目前的搜索保存在 { $file } 中 —— 再次合并即可继续
problem-stopped-search-saved = 已停止；目前的搜索保存在 { $file } 中 —— 用 --resume 继续
problem-stopped-calibration-saved = 已在 { $evaluations } 次模拟后停止；第 { $iteration } 次迭代的搜索状态保存在 { $file } 中 —— 用 --resume 继续
# 校准参数的取值范围；日志中有何不同，以及条目为何损坏。
valid-from-to = 从 { $lo } 到 { $hi }
problem-journal-difference = { $path } 在日志中为 { $then }，现在为 { $now }
problem-journal-absent = 不存在
problem-journal-record-differs = 其记录不同
problem-journal-after-trailer = 结尾标记之后还有字节
problem-journal-no-checksum = 没有校验和：被截断，或由较早的版本写出
problem-journal-entry-other-job = 它属于另一个作业
problem-journal-checksum = 校验和不符
problem-journal-holds-point = 保存的是点 { $point }

# 被另一个作业锁定的输出文件夹。
problem-busy = { $dir } 正被 { $host } 上的进程 { $pid } 使用（锁文件 { $lock }）；请等它结束，或者，如果该进程已不存在（节点故障），请删除锁文件

# --- internal errors, measures, reasons ---
# 程序错误或系统故障，由 resim 说明（系统自己的错误文本照原样显示）。
problem-internal-whatif-refused = “如果……会怎样”的情景被拒绝
problem-internal-whatif-lost = “如果……会怎样”的策略丢失了
problem-internal-whatif-read-back = “如果……会怎样”的情景无法读回：{ $message }
problem-internal-merged-run-written = 合并后的运行已经写出
problem-internal-merged-search-written = 合并后的搜索已经写出
problem-internal-merged-search-differs = 合并后的搜索与各分片的选项不同
problem-internal-shard-written = 该分片已经写出
problem-internal-cannot-write = 无法写入 { $file }：{ $message }
problem-internal-encode = 无法编码 { $file }：{ $message }
problem-internal-fitted-refused = 拟合值被拒绝：{ $message }
problem-internal-threads = 无法启动 { $threads } 个线程：{ $message }
problem-internal-server-start = 无法启动服务器：{ $message }
problem-internal-server-stopped = 服务器已停止：{ $message }
problem-internal-chart = 无法绘制图表 { $name }：{ $message }
problem-internal-exec-stopped = 已停止；已保存 { $saved } 个点
problem-internal-other-replicates = 日志中的点 { $point } 所含的重复与本分片运行的不同；请加 --force 重新开始
problem-internal-invalid-point = 点 { $point }：情景无效：{ $problems }
problem-internal-point-problem = { $key } { $message }

# 验证目标所测量的量（`Measure::describe`）。
problem-measure-effect = [{ $components }] 相对常规做法对 { $outcome }（{ $subgroup }）的 Hedges' g，{ $at }
problem-measure-at-end = 项目结束时
problem-measure-after-end = 项目结束后 { $weeks } 周
problem-measure-prevalence = 常规做法下抑郁症状的检出率（{ $subgroup }），调查窗口
problem-measure-correlation = 常规做法下 { $x } 与 { $y } 的 Pearson r（{ $subgroup }），调查窗口
problem-measure-odds-ratio = 抑郁症状的比值比，{ $group } 对 { $reference }，常规做法，调查窗口
problem-measure-prevalence-ratio = 抑郁症状的检出率之比，{ $group } 对 { $reference }，常规做法，调查窗口
problem-measure-smd = { $measure } 的 Hedges' g，{ $group } 减 { $reference }，常规做法，调查窗口
problem-measure-stability = { $measure } 的等级稳定性（r），窗口各周到 { $lag }之后，常规做法（{ $subgroup }）
problem-measure-persistence = 在某个窗口周筛查阳性、{ $lag }之后仍为阳性的学生比例，常规做法（{ $subgroup }）
problem-measure-term-change = 最后一学期最后 4 周的抑郁症状检出率与该学期第 2-9 周之比，常规做法（{ $subgroup }）
problem-measure-lag-year = 一年
problem-measure-lag-years = { $years } 年
problem-measure-difference = { $first } 减 { $second }
problem-measure-ratio = { $first } 与 { $second } 之比
problem-measure-each = 分别为：{ $parts }

# 分片文件损坏的原因，以及两个作业的分片有何不同。
problem-shard-why-empty = 文件为空
problem-shard-why-truncated = 文件不完整（被截断）
problem-shard-why-not-utf8 = 不是 UTF-8 文本
problem-shard-why-no-trailer-truncated = 没有结尾行：文件不完整（被截断）
problem-shard-why-checksum = 校验和不符
problem-shard-why-out-of-order = 点的顺序错乱
problem-shard-why-no-trailer = 没有结尾行
problem-shard-why-beyond = 有超出作业范围的点
problem-shard-differs-count = N = { $this }，而另一个为 { $first }
problem-shard-differs-hash = 情景哈希 { $this }，而另一个为 { $first }
problem-shard-differs-version = 由 resim { $this } 写出，而另一个由 resim { $first } 写出
problem-shard-differs-command = 命令 { $this }，而另一个为 { $first }
problem-shard-differs-replicates = 重复次数 { $this }，而另一个为 { $first }
problem-shard-differs-seed = 种子 { $this }，而另一个为 { $first }
problem-shard-differs-points = 点数 { $this }，而另一个为 { $first }
problem-shard-differs-option-keys = 选项不同：{ $keys }
problem-shard-differs-options = 选项不同
problem-shard-differs-work = 命令或选项不同（类型、重复次数、种子、设计）

# 结果文件不完整的原因（其清单所列的大小或校验和不同）。
problem-results-why-too-large = 超过清单所列的 { $listed } 字节
problem-results-why-missing = 文件缺失
problem-results-why-size = { $found } 字节，清单所列为 { $listed }
problem-results-why-checksum = 校验和 { $found }，清单所列为 { $listed }

# `resim report`（或“如果……会怎样”的回答）无法读取的结果文件夹。
problem-report-file-missing = 缺少 { $dir }/{ $name }
problem-report-no-strategies = { $dir }/strategies.csv 中没有策略
problem-report-baseline-missing = { $dir }：manifest.json 中指定的基线 `{ $baseline }` 不在 strategies.csv 中
problem-report-header-hint = { $message }；它是由 `resim run` 写出的吗？
problem-report-not-json = { $file }：不是有效的 JSON：{ $message }
problem-report-manifest-key = { $file }：`{ $key }` 缺失或有误

# 无法读回为数据行的结果文件（CSV 或 Parquet）。
problem-read-file = { $file }：{ $reason }
problem-read-file-line = { $file } 第 { $line } 行：{ $reason }
problem-read-file-column = { $file }，列 `{ $column }`：{ $reason }
problem-read-file-line-column = { $file } 第 { $line } 行，列 `{ $column }`：{ $reason }
problem-read-unequal-lengths = 该行有 { $len } 个字段，而表头有 { $expected } 个
problem-read-missing-column = 缺少列 { $names }
problem-read-missing-columns = 缺少列 { $names }
problem-read-expected-columns = 从第 { $from } 列起应依次为列 `{ $columns }`
problem-read-outcome-columns = `sex` 之后的结局指标列应为 `{ $expected }`，实际为 `{ $found }`
problem-read-no-parquet = 这个 resim 构建时不支持 Parquet（`parquet` cargo 特性）；请用 `cargo build --release --features parquet` 重新构建
problem-read-not-parquet = 不是 Parquet 文件（{ $message }）
problem-read-parquet-type = 其中是 { $found } 类型，应为 { $expected }
problem-read-parquet-column = 第 { $position } 列应为 `{ $name }`，实际为 `{ $found }`
problem-read-parquet-no-column = 第 { $position } 列应为 `{ $name }`，但文件中没有这一列
problem-read-parquet-extra-field = 字段多于列
problem-read-parquet-null = 此处需要一个值，却是缺失值（null）
problem-read-parquet-kind = 无法读取 { $kind } 类型的列
# 结果文件中无法读作其值的单元格。
problem-cell-not-a-number = `{ $text }` 不是数字（也不是 NA）
problem-cell-not-a-whole-number = `{ $text }` 不是整数（也不是 NA）
problem-cell-missing-whole-number = 此处需要整数，却是 NA
problem-cell-missing-name = 此处需要名称，却是 NA
problem-cell-not-a-flag = `{ $text }` 不是 0 或 1

# --- shards, output folders, input files, resource limits ---
# 作业的分片（`--shard`）与合并分片（`resim merge`）。
problem-shard-bad-spec = --shard { $text }：应写成 I/N，且 0 ≤ I < N（例如 0/4，即四片中的第一片），或在 Slurm 数组作业中写 `auto`
problem-shard-slurm-unset = --shard auto：未设置 { $var }；请在 Slurm 数组作业（sbatch --array=0-N）中运行，或给出 --shard I/N
problem-shard-slurm-not-a-number = --shard auto：{ $var }={ $value } 不是整数
problem-shard-slurm-tasks = --shard auto：SLURM_ARRAY_TASK_MIN={ $min }、SLURM_ARRAY_TASK_COUNT={ $count } 时，任务 { $id } 不在 { $count } 个连续任务之中；请使用不带步长的 --array=A-B，或给出 --shard I/N
problem-shard-io = 无法读取分片文件 { $file }：{ $message }
problem-shard-not-a-shard = { $file }：不是分片文件（{ $message }）
problem-shard-format = { $file }：格式为 `{ $found }`，本程序读取的格式是 `{ $format }`
problem-shard-damaged = { $file }：分片文件已损坏（{ $why }）；请重新运行这一片
problem-shard-no-dir = { $shards } 中没有分片文件：{ $message }；请先运行 `resim run|sweep|sensitivity|optimise ... --out { $dir } --shard I/N`
problem-shard-none = { $shards } 中没有分片文件（shard-I-of-N.json）
problem-shard-misnamed = { $file }：其中是第 { $shard } 片，但文件名为 { $name }
problem-shard-mismatch = { $file } 与 { $first } 不属于同一个作业：{ $differences }；请删除过时的文件，或把每个作业放在各自的文件夹中合并
problem-shard-duplicate = 第 { $shard } 片出现了两次：{ $first } 和 { $second }
problem-shard-missing =
    { $count } 片中缺少 { $missing } 片：{ $list }
    { "  " }请只重新运行这些分片（对 { $list } 中的每个 I 运行 `--shard I/{ $count }`；在 Slurm 上运行 `RESIM_SHARDS={ $count } sbatch --array={ $list } scripts/slurm/array.sbatch`），然后合并
problem-shard-replicate-beyond = 点 { $point }：重复 { $replicate } 超出了作业的 { $replicates } 次重复
problem-shard-replicate-twice = 点 { $point }：重复 { $replicate } 出现了两次
problem-shard-replicate-missing = 点 { $point }：重复 { $replicate } 不在任何分片文件中；请重新运行它所在的分片
problem-shard-point-missing = 点 { $point } 不在任何分片文件中
# 被拒绝的输出文件夹，不完整的结果集。
problem-output-not-empty = 输出文件夹 { $dir } 不是空的；请换一个 --out，或加上 --force 以替换其中的文件
problem-output-not-a-directory = 输出路径 { $path } 已存在且不是文件夹；请换一个 --out
problem-output-unwritable = 无法写入 { $dir }：{ $message }；请换一个 --out
problem-output-symlink = { $path } 是符号链接；resim 只写入输出文件夹内真实的文件夹（请删除该链接，或换一个 --out）
problem-output-bad-lock = { $dir } 被 { $lock } 锁定，而 resim 无法读取该锁文件（{ $why }）；如果没有 resim 作业正在那里写入，请删除它
problem-output-replaces-input = { $file } 会被本作业的 { $name } 替换，但它是输入的情景文件；请换一个 --out，或把情景文件移出 { $dir }
problem-output-io = 无法写入 { $file }：{ $message }
problem-results-no-manifest = { $dir } 中没有结果：缺少 { $manifest }（请给出由 resim 写出、且作业已完成的文件夹）
problem-results-bad-manifest = { $file }：不是 resim 的清单文件（{ $why }）
problem-results-manifest-files = files 字段：{ $message }
problem-results-not-whole = { $dir }：{ $name } 与 { $manifest } 不符（{ $why }）：其中的文件不是一整套结果——某个作业在替换它们时被中止，或有文件被改动；请重新运行该作业
problem-results-not-in-set = { $dir }：{ $name } 不在 { $manifest } 列出的结果之中（是以前的作业留下的吗？）
# 按大小上限读取的输入文件。
problem-input-too-large = { $file } 大于 { $size }（超过 { $cap } 字节），作为{ $what }太大了
problem-input-directory = { $file } 是一个文件夹
problem-input-unreadable = 无法读取 { $file }：{ $message }
problem-input-what-scenario = 情景文件
problem-input-what-targets = 目标文件
problem-input-what-district = 学区文件
problem-input-what-posterior = 后验分布文件
problem-input-what-manifest = 清单文件
problem-input-what-result = 结果文件
problem-input-what-this-result = 这个结果文件
problem-input-what-results = 结果文件
problem-input-what-lock = 锁文件
problem-input-what-journal-plan = 日志计划文件
problem-input-what-calibration-checkpoint = 校准检查点
problem-input-what-optimise-checkpoint = 优化检查点
problem-input-what-job = 作业记录
problem-input-what-studio-record = 工作室的记录
# 超出资源限制（工作量、内存）的运行。
problem-guard-work = { $students } 名学生 ×（{ $burn_in } 周预热 + { $strategies } 个策略 × { $weeks } 周）× { $replicates } 次重复 = { $student_weeks } 学生周，超过了单次运行 { $limit } 学生周的上限；请减少重复次数、学生、周数或策略
problem-guard-memory = 这次运行大约需要 { $need } 内存（按 { $threads }{ $with }估计），超过了一次运行可用的量：至多为可用内存的 { $share } %，而可用内存为 { $available }（{ $source }），即 { $may }；请减少学生、策略或 --threads{ $hint }
problem-guard-thread = { $count } 个线程
problem-guard-threads = { $count } 个线程
problem-guard-with-students = 、使用 --students
problem-guard-leave-out-students = ，或不用 --students
problem-guard-source-meminfo = /proc/meminfo 中的 MemAvailable
problem-guard-source-cgroup = { $file } 中 cgroup 内存上限之下的余量
problem-guard-source-env = { $var } 设定的上限
problem-guard-bad-limit = { $var }={ $value } 不是内存数量；有效值：字节数，或带 K、M、G 或 T（1024 的幂）的数，例如 { $var }=8G
problem-format-no-parquet = --format { $format }：这个 resim 构建时不支持 Parquet；请用 `cargo build --release --features parquet` 重新构建，或使用 --format csv
# 被拒绝的报告（`resim report`，工作室中的结果文件夹）。
problem-report-subgroup = --subgroup `{ $name }`：未知的亚组；有效值：{ $valid }
problem-report-outcome = --outcome `{ $name }`：未知的结局指标；有效值：{ $valid }
problem-report-exists = { $file } 已存在；加上 --force 以替换它
problem-report-not-a-directory = { $dir } 不是文件夹；请给出由 `resim run` 写出的文件夹
problem-report-unreadable = { $message }；请给出由 `resim run` 写出的文件夹
problem-report-no-manifest = 无法读取 { $file }：文件不存在；请给出由 `resim run` 写出的文件夹（含 effects.csv、trajectories.csv、strategies.csv、survey.csv 和 manifest.json）
problem-report-other-command = { $dir } 中是 `resim { $command }` 的结果；报告只能由 `resim run` 的结果生成
problem-report-subgroup-empty = --subgroup `{ $name }`：{ $dir } 中这个亚组没有学生；有学生的亚组：{ $valid }
problem-report-outcome-absent = --outcome `{ $name }`：{ $file } 中没有它的结果
