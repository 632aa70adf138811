# 程序以英文声明的文字的简体中文译文：参数、机制、特质和做法设置的含义，
# 以及随程序附带的情景的说明。英文原文保留在声明处（注册表、情景文件）。

# param-stress
meaning-param-stress-academic_load = 学期开始时每个上课周进入的学业压力（困扰单位，0–1 尺度）。
meaning-param-stress-term_ramp = 学业负荷在一个学期内的上升：负荷 ×（1 + 上升率 × 学期进度），因此学期最后一周的负荷是第一周的 1 + 上升率 倍。
meaning-param-stress-exam_multiplier = 考试周学业负荷的乘数（在学期上升之上再乘）。
meaning-param-stress-grade_load = 7 年级以上每高一个年级增加的学业负荷（相对值：负荷 ×（1 + g·(年级 − 7)））。
meaning-param-stress-urban_pressure = 城市学校学业负荷的乘数（升学考试压力）。
meaning-param-stress-family_event_rate = 社会经济地位最高的家庭每周发生家庭不利事件的概率（地位较低时为 比率 ×（1 + g·(1 − SES)））。
meaning-param-stress-family_event_size = 一次家庭不利事件增加的慢性压力（之后按慢性压力的持续性衰减）。
meaning-param-stress-ses_gradient = 不利事件在低社会经济地位家庭中发生得多频繁（比率 ×（1 + g·(1 − SES)））。
meaning-param-stress-peer_conflict_rate = 社交能力处于平均水平时每周发生同伴冲突的概率（比率 ×（1.5 − 社交能力））。
meaning-param-stress-peer_conflict_size = 一次同伴冲突带来的压力。
meaning-param-stress-community_event_rate = 社区风险为 1 时每周发生社区风险事件的概率。
meaning-param-stress-community_event_size = 一次社区风险事件带来的压力。
meaning-param-stress-separation_one_parent = 父母一方外出务工的儿童每周承受的分离压力（远程联系缓冲之前）。
meaning-param-stress-separation_both_parents = 父母双方都外出的儿童每周承受的分离压力。
meaning-param-stress-female_reactivity = 女生所受压力的乘数（女生反应更强）。
meaning-param-stress-stress_resistance = 心理韧性为 1 时挡在外面的压力比例（透过的压力为 1 − k·心理韧性）。
meaning-param-stress-strain_persistence = 短暂压力（症状中记忆短的部分）每周的持续性。
meaning-param-stress-strain_gain = 稳态下本周过滤后的每单位压力带来的短暂压力。
meaning-param-stress-symptom_gain = 本周过滤后的压力中变成慢性症状的比例（再乘以 1 − 症状）。
meaning-param-stress-recovery_base = 无论心理韧性如何，慢性症状每周缓解的比例。
meaning-param-stress-recovery_resilience = 每单位心理韧性额外带来的慢性症状每周缓解（恢复能力）。
meaning-param-stress-chronic_persistence = 学生慢性压力（家庭、学校和同伴方面持续存在的困难）每周的持续性。
meaning-param-stress-chronic_mean = 中等社会经济地位时慢性压力的长期均值（每周压力单位）。
meaning-param-stress-chronic_ses = 社会经济地位每低于 0.5 一个单位，长期慢性压力的上升。
meaning-param-stress-chronic_sd = 稳态下学生之间慢性压力的标准差。
meaning-param-stress-challenge_level = 过滤后的压力超过此水平时，这一周算作挑战；应对得当会增强心理韧性。
meaning-param-stress-overwhelm_level = 过滤后的压力超过此水平时，这一周会压垮学生并削弱心理韧性。
meaning-param-stress-inoculation_gain = 每单位应对得当的挑战带来的情绪调节和自我效能的增长。
meaning-param-stress-erosion_rate = 压力每超出压垮水平一个单位，自我效能和希望的损失。
meaning-param-stress-clinical_threshold = 困扰（0–1）超过此值时，学生的抑郁症状筛查为阳性。

# param-support
meaning-param-support-buffer_max = 支持和情绪调节最多能过滤掉的进入压力的比例。
meaning-param-support-weight_family = 家庭支持在感知到的支持中的权重。
meaning-param-support-weight_teacher = 教师支持在感知到的支持中的权重。
meaning-param-support-weight_peer = 同伴支持在感知到的支持中的权重。
meaning-param-support-weight_community = 社区支持在感知到的支持中的权重。
meaning-param-support-adapt_rate = 感知到的支持每周向可得支持靠拢的速率。
meaning-param-support-distress_withdrawal = 困扰每超出困扰参照值一个单位，学生感知到的支持的下降（困扰的学生会退缩）。
meaning-param-support-peer_alone = 没有朋友的学生的同伴支持。
meaning-param-support-one_parent_presence = 父母一方外出务工时家中照料者的在场程度。
meaning-param-support-both_away_presence = 父母双方都外出务工时家中照料者的在场程度。
meaning-param-support-grandparent_talk = 祖辈照料者与孩子谈论感受的程度（相对于父母）。
meaning-param-support-baseline_remote_contact = 没有任何项目时留守儿童与父母的远程联系（电话、视频）（0–1）。
meaning-param-support-remote_restore = 充分的远程联系能恢复的外出父母支持的比例，也是它能缓冲的分离压力的比例。
meaning-param-support-teacher_training_gain = 教师接受家庭参与培训每单位带来的教师支持增益。
meaning-param-support-mentoring_gain = 每单位同伴辅导增加的同伴支持。
meaning-param-support-partnership_gain = 每单位社区合作带来的社区支持相对增益。
meaning-param-support-partnership_risk = 每单位社区合作消除的社区风险比例（最多计一个单位）。
meaning-param-support-care_support = 被发现的学生接受家校联合关怀期间增加的教师支持。
meaning-param-support-left_behind_care_gain = 每单位留守儿童关爱（档案、照料者教育、通话）增加的家庭支持。
meaning-param-support-modelling_support_gain = 父母经培训的示范技能每单位增加的家庭支持（家庭示范）。

# param-learning
meaning-param-learning-setpoint_rate = 心理韧性各组成部分每周被拉回其目标的速率（因此项目结束后学生保持的收益会逐渐消退）。
meaning-param-learning-social_learning_rate = 情绪调节每周向学生的榜样所示范的水平靠拢的速率。
meaning-param-learning-alignment_gain = 家校一致性每单位使情绪调节学习加快的程度。
meaning-param-learning-alignment_rate = 一致性每周跟随双向联系和共同规划变化的速率。
meaning-param-learning-model_shift = 榜样的技能每高出参照值一个单位，情绪调节目标的移动。
meaning-param-learning-model_reference = 情绪调节目标等于学生自身设定点时榜样的技能水平。
meaning-param-learning-parent_model_weight = 上课周中父母在学生榜样中的权重（其余归教师；假期只有父母）。
meaning-param-learning-modelling_gain = 父母经培训的示范技能每单位带来的父母示范技能相对提升。
meaning-param-learning-curriculum_gain = 每单位心理健康课带来的情绪调节目标的提升。
meaning-param-learning-caregiver_synergy = 照料者参与每单位对学校项目效果的相对提升。
meaning-param-learning-mastery_base = 没有任何项目、投入处于参照水平时每周获得一次成功体验的概率。
meaning-param-learning-mastery_step = 每次成功体验带来的自我效能增长（乘以剩余空间）。
meaning-param-learning-goals_mastery = 每单位家校共同设定目标额外增加的成功概率。
meaning-param-learning-behaviour_mastery = 父母经培训的行为支持每单位额外增加的成功概率。
meaning-param-learning-support_efficacy_gain = 感知到的支持每高出参照值一个单位，自我效能目标的移动。
meaning-param-learning-support_regulation_gain = 感知到的支持每高出参照值一个单位，情绪调节目标的移动（共同调节）。
meaning-param-learning-hope_support_gain = 感知到的支持每高出参照值一个单位，希望目标的移动。
meaning-param-learning-support_reference = 支持不移动任何目标时的感知支持水平。
meaning-param-learning-distress_efficacy = 困扰每超出困扰参照值一个单位，自我效能目标的下降（持续的困扰削弱效能感）。
meaning-param-learning-distress_hope = 困扰每超出困扰参照值一个单位，希望目标的下降。
meaning-param-learning-distress_regulation = 困扰每超出困扰参照值一个单位，情绪调节目标的下降。
meaning-param-learning-distress_reference = 困扰不移动任何目标时的困扰水平。
meaning-param-learning-peer_social_gain = 同伴支持每高出 0.5 一个单位，社交能力目标的移动。
meaning-param-learning-programme_social_gain = 每单位家校项目工作（家庭行为支持、目标设定、家庭示范）带来的社交能力目标的提升。
meaning-param-learning-volunteer_gain = 每单位家长志愿服务（对学校的归属感）带来的社交能力目标的提升。
meaning-param-learning-mentoring_social_gain = 每单位同伴辅导带来的社交能力目标的提升。
meaning-param-learning-development_sd = 稳态下学生之间发展变化的标准差：心理韧性各组成部分目标的缓慢移动（自我效能、希望和社交能力全部移动；情绪调节和感知支持按各自比例移动）。
meaning-param-learning-development_persistence = 发展变化每周的持续性。
meaning-param-learning-development_regulation = 发展变化中移动情绪调节目标的比例（1 = 与自我效能、希望和社交能力目标移动得一样多）。
meaning-param-learning-development_support = 发展变化每单位使学生感知到的支持发生的移动（学生变化时，对人际关系的感知也不同）。
meaning-param-learning-home_skill_rate = 每单位接受的项目剂量使父母经培训的技能（示范、行为支持）每周增长的幅度（乘以剩余空间）。
meaning-param-learning-home_skill_decay = 父母经培训的技能每周的损失（项目结束后这些技能仍留在家庭中）。

# param-academic
meaning-param-academic-efficacy_engagement = 自我效能每高出参照值一个单位，学习投入目标的移动。
meaning-param-academic-efficacy_reference = 效能不移动任何目标时的自我效能水平。
meaning-param-academic-homework_socialisation = 家庭学业社会化（接受的作业辅导）每单位带来的学习投入目标的提升。
meaning-param-academic-info_socialisation = 每单位传到父母那里的学校功课信息（家校联系本、应用程序、家长会）带来的学习投入目标的提升。
meaning-param-academic-goals_engagement = 每单位家校共同设定目标带来的学习投入目标的提升。
meaning-param-academic-behaviour_engagement = 父母经培训的行为支持每单位带来的学习投入目标的提升。
meaning-param-academic-distress_drag = 困扰每超出困扰参照值一个单位，学习投入目标的下降。
meaning-param-academic-engagement_mastery = 学习投入每高出参照值一个单位额外增加的成功概率（投入的学生更常成功）。
meaning-param-academic-engagement_reference = 学习投入不改变成功概率时的投入水平。

# param-detection
meaning-param-detection-visible_distress = 困扰（0–1）超过此值时，挣扎的迹象才会显露出来。
meaning-param-detection-teacher_observation = 每单位可见程度下，班主任在无人协助时每周察觉的风险率。
meaning-param-detection-mh_training_gain = 教师心理健康培训每单位带来的教师察觉能力的相对提升。
meaning-param-detection-info_gain = 通过家校渠道传到成年人那里的信息每单位增加的察觉风险率。
meaning-param-detection-goals_detection = 每单位家校共同设定目标和进展跟进增加的察觉风险率。
meaning-param-detection-screening_rate = 每单位心理老师筛查增加的察觉风险率。
meaning-param-detection-counsellor_screening = 学校自己的心理咨询师所提供的筛查（以心理老师这一做法的单位计）。
meaning-param-detection-care_weeks = 一次察觉引发的家校共同解决问题的周数。
meaning-param-detection-care_effect = 共同解决问题期间每周缓解的慢性症状比例。
meaning-param-detection-care_hours = 一名接受联合关怀的学生每周占用的教师时数。
meaning-param-detection-teacher_capacity = 每班每周可用于家庭工作和联合关怀、而不降低联系质量的教师时数。
meaning-param-detection-overload_penalty = 所需时数每超出能力一个单位时联系质量的损失：质量 = 1 / (1 + p·max(0, 需求 / 能力 − 1))。

# param-trust
meaning-param-trust-rate = 没有联系时信任每周向其目标靠拢的速率。
meaning-param-trust-contact_rate = 每单位双向联系使信任向其目标靠拢额外加快的周速率（密集的联系使信任变化更快）。
meaning-param-trust-two_way_gain = 每单位双向且文化契合的联系使信任目标缩小的、与完全信任之间差距的比例。
meaning-param-trust-alienation = 每单位不契合家庭文化的单向联系使信任目标下降的幅度。
meaning-param-trust-minority_fit = 学校常规做法对少数民族家庭的文化契合度（1 = 与多数群体相同）。
meaning-param-trust-minority_stress = 契合度为 0 时少数民族学生每周承受的学校疏离压力（×（1 − 契合度））。
meaning-param-trust-volunteer_trust = 每单位家长志愿服务（父母在学校出现）带来的信任目标的提升。
meaning-param-trust-exponent = 参与率中信任的指数（参与率 = 信任^指数 × 可得性）。
meaning-param-trust-rural_barrier = 农村地区因交通和照看孩子的障碍而损失的可得性比例。
meaning-param-trust-teacher_support_trust = 家庭对学校的信任每高出 `trust.reference` 一个单位，学生感知到的教师支持的相对变化（不信任学校的家庭的孩子在学校感到的支持更少；建立信任可以弥补）。
meaning-param-trust-reference = 信任不改变教师支持时的信任水平（约为总体均值，因此常规做法处于稳态）。
meaning-param-trust-outside_substitution = 校外心理健康资源都很充足时，家庭对学校项目的有效参与所损失的比例（学校提供的与家庭已得到的相重叠）。

# param-adults
meaning-param-adults-parent_efficacy_rate = 父母自我效能每周跟随参与程度变化的速率。
meaning-param-adults-parent_efficacy_gain = 每单位参与带来的父母效能目标的提升。
meaning-param-adults-two_way_involvement = 每单位接受的双向联系所对应的参与程度（项目工作计为 1）。

# param-exosystem
meaning-param-exosystem-rural_counsellor = 农村学校有心理咨询师或心理老师的概率。
meaning-param-exosystem-urban_counsellor = 城市学校有心理咨询师或心理老师的概率。
meaning-param-exosystem-rural_services = 农村学校周边的社区心理健康服务（0–1）。
meaning-param-exosystem-urban_services = 城市学校周边的社区心理健康服务（0–1）。
meaning-param-exosystem-rural_risk = 农村学校周边的社区风险（0–1）。
meaning-param-exosystem-urban_risk = 城市学校周边的社区风险（0–1）。
meaning-param-exosystem-rural_teacher_training = 农村教师的心理健康培训程度（0–1）。
meaning-param-exosystem-urban_teacher_training = 城市教师的心理健康培训程度（0–1）。

# param-macrosystem
meaning-param-macrosystem-hukou_reform = 本会成为留守儿童、但父母能把他们带在身边的比例（户籍制度改革）。
meaning-param-macrosystem-mh_funding = 学校心理咨询配备和社区服务的乘数（心理健康经费）。
meaning-param-macrosystem-stigma = 寻求心理健康帮助的污名：因困难被隐瞒，每条察觉渠道损失的风险率比例。

# param-economics
meaning-param-economics-teacher_hour_cost = 一个教师工时的成本，计入 `decision.csv` 中每个策略的资金成本（0 表示教师时间单独计算，如 `strategies.csv` 那样）。
meaning-param-economics-discount_rate = 运行超过一年时成本和效果的年贴现率。
meaning-param-economics-wtp_resilience_point = 每名学生每提高一个心理韧性分的支付意愿（心理韧性尺度上的净货币收益）。
meaning-param-economics-wtp_case_averted = 每避免一例抑郁症状的支付意愿。

# param-components
meaning-param-components-termly_conference_info_two_way = 双向家长会每单位剂量使学生的信息传到教师那里的量（家庭讲述，教师倾听）。
meaning-param-components-termly_conference_info_one_way = 单向家长会每单位剂量使学生的信息传到教师那里的量（只有一个声音：教师通报）。
meaning-param-components-termly_conference_contact = 每单位剂量的家校联系（双向或单向由 `two_way` 设置决定）。
meaning-param-components-contact_book_info_two_way = 双向家校联系本（家庭会回写）每单位剂量使学生的信息传到能采取行动的成年人那里的量。
meaning-param-components-contact_book_info_one_way = 单向家校联系本（只从学校到家庭：父母了解学校功课，学校对孩子所知甚少）每单位剂量使学生的信息传到能采取行动的成年人那里的量。
meaning-param-components-contact_book_contact = 家校联系本每单位剂量的家校联系（双向或单向由 `two_way` 设置决定）。
meaning-param-components-digital_channel_info = 数字沟通渠道每单位剂量使学生的信息传到成年人那里的量。
meaning-param-components-digital_channel_contact = 数字沟通渠道每单位剂量的家校联系（双向或单向由 `two_way` 设置决定）。
meaning-param-components-digital_channel_remote = 对留守学生而言，每单位剂量与外出务工父母的远程联系。
meaning-param-components-parent_modelling_two_way = 示范项目每单位剂量的双向家校联系（活动把父母和学校聚在一起）。
meaning-param-components-joint_goal_setting_info = 家校共同设定目标（进展跟进）每单位剂量使学生的信息传到成年人那里的量。
meaning-param-components-joint_goal_setting_two_way = 家校共同设定目标每单位剂量的双向家校联系。
meaning-param-components-left_behind_support_remote = 留守儿童关爱（安排定期通话）每单位剂量与外出务工父母的远程联系。
meaning-param-components-left_behind_support_info = 留守儿童关爱（孩子的档案）每单位剂量使学生的信息传到成年人那里的量。

# mechanism
meaning-mechanism-chronic_strain = 慢性压力：每名学生都有一种缓慢变化的压力（持续的困难、家庭不利处境），把压力延续数月。关闭：没有慢性压力。
meaning-mechanism-stress_growth = 压力与成长：应对得当的挑战增强情绪调节和自我效能，压垮性的压力削弱自我效能和希望（倒 U 形）。关闭：二者都没有。
meaning-mechanism-distress_feedback = 困扰反馈：持续的困扰降低自我效能、希望和情绪调节的目标，以及学生感知到的支持。关闭：没有反馈。
meaning-mechanism-support_buffering = 支持缓冲：感知到的支持（外向者）和情绪调节（内向者）过滤压力。关闭：没有过滤。
meaning-mechanism-academic_pathway = 学业路径：效能感、家庭社会化、目标、行为支持和困扰驱动学习投入，学习投入驱动成功体验。关闭：学习投入停留在设定点，不影响成功体验。
meaning-mechanism-sex_grade = 性别与年级：女生更强的反应性，以及每个年级的学业负荷递增。关闭：二者都为中性。
meaning-mechanism-left_behind = 留守儿童：照料者在场程度较低、祖辈照料者较少进行情感交流、分离压力、远程联系、假期返乡。关闭：留守儿童像与父母双方同住一样生活。
meaning-mechanism-trust_dynamics = 信任变化：信任随联系的类型、强度和文化契合度变化。关闭：信任停留在家庭最初的信任水平。
meaning-mechanism-cultural_fit = 文化契合：常规做法与少数民族家庭的契合度较低（信任增长较少、单向联系造成疏离、学校疏离压力），文化回应式实践提高契合度。关闭：所有人的契合度都为 1。
meaning-mechanism-detection = 察觉与联合关怀：通过各渠道被察觉的困难学生获得数周的家校共同解决问题。关闭：没有人被察觉。
meaning-mechanism-social_learning = 社会学习：情绪调节跟随父母和教师的示范。关闭：榜样不移动任何目标。
meaning-mechanism-consistency = 跨情境一致性：家校一致性加快情绪调节学习并增强学校项目的效果。关闭：一致性不起作用。
meaning-mechanism-teacher_capacity = 教师能力：超出班级能力的家庭工作时数降低联系质量。关闭：质量为 1。
meaning-mechanism-parenting_persistence = 养育技能的持续：父母项目所训练的技能在项目结束后仍留在家庭中。关闭：训练的技能按学生设定点的速率消退。
meaning-mechanism-development = 发展变化：每名学生心理韧性目标的缓慢随机移动，因此一年中学生的相对位次会变化。关闭：没有发展变化。

# trait
meaning-trait-self_efficacy = 学生自我效能的设定点。
meaning-trait-hope = 学生希望 / 乐观的设定点。
meaning-trait-emotion_regulation = 学生情绪调节的设定点。
meaning-trait-social_competence = 学生社交能力的设定点。
meaning-trait-academic_engagement = 学生学习投入的设定点。
meaning-trait-extraversion = 学生的外向性（0 = 内向，1 = 外向）。
meaning-trait-reactivity = 学生的压力反应性（气质）：进入的压力乘以 2 × 反应性，因此 0.5 为平均水平。
meaning-trait-distress = 预热期开始时学生的困扰。
meaning-trait-warmth = 家庭温暖。
meaning-trait-modelling_skill = 照料者示范情绪调节的技能。
meaning-trait-time_available = 照料者可用于孩子和学校的时间。
meaning-trait-ses = 家庭社会经济地位。
meaning-trait-trust = 家庭对学校的信任。
meaning-trait-parent_efficacy = 父母的自我效能。
meaning-trait-teacher_skill = 教师的温暖和家庭参与技能。

# setting
meaning-setting-coverage = 目标群体中（家庭，学校层面的做法则为班级）获得这项做法的比例。
meaning-setting-intensity = 每次活动相对于循证项目的强度（1 = 按设计实施）。
meaning-setting-frequency = 每周活动或联系的次数。
meaning-setting-target = 这项做法面向谁。
meaning-setting-start_week = 这项做法开始实施的第一周（按整个运行计算）。
meaning-setting-end_week = 这项做法实施的最后一周（按整个运行计算）；0 表示一直实施到结束。之后效果按保持它的机制的速率消退。
meaning-setting-fidelity = 按设计实施的活动比例。
meaning-setting-cost_per_student = 在所设频率下每名受益学生每年的成本（货币单位）。
meaning-setting-teacher_hours_per_student = 在所设频率下每名受益学生每年的教师时数。
meaning-setting-two_way = 联系是否双向（家 ⇄ 校），而不是只从学校到家庭。

# description
description-meta_analysis_trial = 常规做法、完整的家校项目与单独每项做法的比较
description-one_class_contact_book = 一个 45 人的班级：每周或每天的家校联系本与我现在的做法比较
description-quickstart = 家校联系本和完整的家校项目与常规做法的比较，4 所学校
description-quickstart_sweep = 快速入门的各策略在不同学业压力、农村比例和家校联系本覆盖率下的比较
description-rural_left_behind = 农村县，约 45% 为留守儿童：seed 002 中的策略
description-trust_gap = 信任度低的少数民族家庭：单向联系与文化回应式双向实践的比较
description-urban_exam_pressure = 面临升学考试压力的城市学校：仅学校支持与家庭参与的支持的比较
