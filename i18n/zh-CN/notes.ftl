# 作业运行时给用户的提示（中文）：警告，或为什么什么也没做。每个 id 都在
# i18n/en/notes.ftl 中，以 `note-` 开头。参数是 CLI 写出的名称、文件和数字，
# 或其他消息。

# 运行预热期的稳态检查（`resim run`、`resim merge`、`resim check`）。
note-steady-state = 稳态：预热期 { $weeks } 周（{ $years } 年）；{ $drift }
note-steady-drift-one = 平均心理韧性在预热期最后一年变动 { $drift } 分（限度 ±{ $limit }）；检查依据的是第 1 次重复的预热期（{ $students } 名学生）
note-steady-drift-many = 平均心理韧性在预热期最后一年变动 { $drift } 分（限度 ±{ $limit }）；检查依据的是前 { $replicates } 次重复的预热期（{ $students } 名学生）
note-steady-drift-unmeasured = 未测量漂移：预热期短于两年
note-steady-warning = 警告：{ $line }；请把 calendar.burn_in_weeks 设为 { $least } 或更多（整年）
note-steady-warning-not-whole-years = 警告：{ $line }；预热期不是整数年，因此第 1 周不在日历年的开头；请把 calendar.burn_in_weeks 设为 { $least } 或更多（整年）

# 继续扫描、敏感性分析、分片与合并。
note-merge-continuing = 继续 { $file } 中保存的被中断的合并
note-shard-complete = 分片 { $shard }：已在 { $file } 中完成；无需再做
note-shard-damaged = 分片 { $shard }：{ $file } 已损坏（{ $why }）；重新运行该分片
note-already-complete = { $file }：已经完成；没有需要继续的
note-point-again = { $why }；点 { $point } 将重新计算

# 验证或校准略去的目标。
note-calibrate-held-out-one = 注意：{ $count } 个样本外目标（role = out_of_sample）从不用于拟合，已略去：{ $ids }
note-calibrate-held-out-many = 注意：{ $count } 个样本外目标（role = out_of_sample）从不用于拟合，已略去：{ $ids }
note-validate-unknown-one = 警告：{ $count } 个目标 id 在模型中没有对应的测量，未测量：{ $ids }{ $indent }已知的 id：{ $known }
note-validate-unknown-many = 警告：{ $count } 个目标 id 在模型中没有对应的测量，未测量：{ $ids }{ $indent }已知的 id：{ $known }
note-validate-unknown-id = `{ $id }`
note-validate-unknown-id-near = `{ $id }`（您是不是想写 `{ $near }`？）
note-validate-unmeasurable = 警告：目标 `{ $id }` 未测量：{ $why }
