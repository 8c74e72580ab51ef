// Gold facts for knowledge extraction, written by reading seeds/*.txt (not by running the extractors).
// Clauses are named by document and a snippet of their text (or a task-table row number), so the facts
// survive changes in clause boundaries and ids. Exhaustive for responsibilities, targets, citations,
// issuers, regions and repeated table rows; themes are judged on a sample of clauses.

/** A document: by 文号 when it has one, else by a fragment of its title. */
export interface DocRef {
  docNumber?: string;
  title?: string;
}

export const DOCS = {
  miit140: { docNumber: '工信部联信软〔2018〕140号' },
  sc40: { docNumber: '国发〔2017〕40号' },
  sichuan: { title: '四川省扩大和升级信息消费行动计划' },
  anhui20: { docNumber: '皖政〔2018〕20号' },
  plan13: { title: '十三五' },
  itGuide: { title: '信息产业发展指南' },
  germany: { title: '德国工业' },
  mic2025: { title: '中国制造2025' },
} satisfies Record<string, DocRef>;

/** A clause: its document and a snippet of its text, or a task-table row number. */
export interface ClauseRef {
  doc: DocRef;
  snippet?: string;
  row?: string;
}

// ---------------------------------------------------------------- themes (sample of clauses)

export const GOLD_THEMES: { clause: ClauseRef; themes: string[] }[] = [
  { clause: { doc: DOCS.sc40, snippet: '推广数字家庭产品。鼓励企业发展' }, themes: ['智能家居', '互联网+', '人工智能', '虚拟现实/增强现实', '可穿戴设备', '服务机器人与无人机'] },
  { clause: { doc: DOCS.sc40, snippet: '拓展电子产品应用。支持利用物联网' }, themes: ['物联网', '大数据', '云计算', '人工智能', '智能网联汽车', '智能交通', '信息消费试点示范'] },
  { clause: { doc: DOCS.sc40, snippet: '提升信息技术服务能力。支持大型企业' }, themes: ['双创', '中小企业', '云计算', '大数据', '互联网+', '软件', '区块链', '人工智能', '信息技术服务', '信息消费试点示范'] },
  { clause: { doc: DOCS.sc40, snippet: '丰富数字创意内容和服务。' }, themes: ['数字内容', '知识产权', '广播电视网络'] },
  { clause: { doc: DOCS.sc40, snippet: '壮大在线教育和健康医疗。' }, themes: ['在线教育', '在线医疗', '网络支付', '软件'] },
  { clause: { doc: DOCS.sc40, snippet: '扩大电子商务服务领域。鼓励电商' }, themes: ['电子商务', '现代物流', '电信普遍服务'] },
  { clause: { doc: DOCS.sc40, snippet: '推动信息基础设施提速升级。加大' }, themes: ['光纤宽带', '4G', '5G', '物联网', '工业互联网', '云计算', '数据中心', '信息消费试点示范'] },
  { clause: { doc: DOCS.sc40, snippet: '推动信息消费全过程成本下降。' }, themes: ['网络提速降费', '现代物流', '网络支付'] },
  { clause: { doc: DOCS.sc40, snippet: '提高农村地区信息接入能力。' }, themes: ['电信普遍服务', '光纤宽带', '信息消费试点示范'] },
  { clause: { doc: DOCS.sc40, snippet: '加快信息终端普及和升级。' }, themes: ['智能终端', '可穿戴设备', '软件', '广播电视网络', '电信普遍服务'] },
  { clause: { doc: DOCS.sc40, snippet: '提升消费者信息技能。实施' }, themes: ['信息技能培训', '网络支付'] },
  { clause: { doc: DOCS.sc40, snippet: '增强信息消费体验。组织开展' }, themes: ['信息消费试点示范', '信息消费体验中心', '虚拟现实/增强现实'] },
  { clause: { doc: DOCS.sc40, snippet: '加强和改进监管。坚持包容审慎监管' }, themes: ['行业监管与放管服', '大数据', '云计算', '打击网络诈骗', '信用体系'] },
  { clause: { doc: DOCS.sc40, snippet: '加快信用体系建设。健全用户身份' }, themes: ['信用体系', '网络支付'] },
  { clause: { doc: DOCS.sc40, snippet: '加强个人信息和知识产权保护。' }, themes: ['网络安全', '个人信息保护', '知识产权'] },
  { clause: { doc: DOCS.sc40, snippet: '提高信息消费安全性。' }, themes: ['网络安全', '电子商务'] },
  { clause: { doc: DOCS.sc40, snippet: '加大财税支持力度。深入推进' }, themes: ['财税支持', '信息消费试点示范'] },
  { clause: { doc: DOCS.sc40, snippet: '加强统计监测和评价。' }, themes: ['统计监测与评价', '数字内容'] },
  { clause: { doc: DOCS.sc40, snippet: '“宽带中国”战略目标全面实现' }, themes: ['光纤宽带', '网络提速降费', '数据开放共享'] },
  { clause: { doc: DOCS.sc40, row: '12' }, themes: ['5G'] },
  { clause: { doc: DOCS.sc40, row: '33' }, themes: ['个人信息保护'] },
  { clause: { doc: DOCS.anhui20, snippet: '推动信息消费终端产品创新升级。' }, themes: ['大数据', '人工智能', '智能家居', '广播电视网络', '可穿戴设备', '智能终端', '服务机器人与无人机'] },
  { clause: { doc: DOCS.anhui20, snippet: '依托各市现有产业基础' }, themes: ['人工智能', '服务机器人与无人机', '智能终端', '可穿戴设备', '智能家居', '虚拟现实/增强现实', '智能网联汽车'] },
  { clause: { doc: DOCS.anhui20, snippet: '拓展信息消费行业应用。' }, themes: ['物联网', '大数据', '云计算', '人工智能', '智能网联汽车', '智能交通', '信息消费试点示范', '信息技术服务'] },
  { clause: { doc: DOCS.anhui20, snippet: '加快建设下一代广播电视网' }, themes: ['光纤宽带', '4G', '无线宽带', '广播电视网络', '物联网', '智能网联汽车', '智能家居', '5G', '电信普遍服务'] },
  { clause: { doc: DOCS.anhui20, snippet: '推动信息接入提速降费。' }, themes: ['光纤宽带', '无线宽带', '物联网', '工业互联网', '云计算', 'IPv6', '网络提速降费', '信息消费试点示范'] },
  { clause: { doc: DOCS.anhui20, snippet: '提升农村地区及特殊群体信息服务水平。' }, themes: ['电信普遍服务', '光纤宽带', '智能终端', '可穿戴设备', '软件', '广播电视网络'] },
  { clause: { doc: DOCS.anhui20, snippet: '加强和改进监管。坚持包容审慎监管' }, themes: ['行业监管与放管服', '大数据', '云计算', '打击网络诈骗', '信用体系'] },
  { clause: { doc: DOCS.anhui20, snippet: '保障信息消费安全。' }, themes: ['个人信息保护', '知识产权', '网络安全', '电子商务'] },
  { clause: { doc: DOCS.anhui20, snippet: '加大财税支持力度。统筹' }, themes: ['财税支持', '信息消费体验中心', '信息消费试点示范'] },
  { clause: { doc: DOCS.anhui20, snippet: '发展智慧教育和智能医疗。' }, themes: ['在线教育', '在线医疗', '网络支付', '人工智能', '大数据', '互联网+'] },
  { clause: { doc: DOCS.sichuan, snippet: '深入推进“光网四川”“无线四川”建设' }, themes: ['光纤宽带', '无线宽带', '4G', '5G', '广播电视网络', '超高清视频', '工业互联网', 'IPv6', '物联网', '卫星通信与北斗', '电信普遍服务', '数据中心', '云计算'] },
  { clause: { doc: DOCS.sichuan, snippet: '推进消费电子产品创新发展。' }, themes: ['5G', '物联网', '大数据', '云计算', '人工智能', '区块链', '卫星通信与北斗', '智能终端', '服务机器人与无人机', '虚拟现实/增强现实', '可穿戴设备', '超高清视频', '智慧养老'] },
  { clause: { doc: DOCS.sichuan, snippet: '组织开展“企业上云”行动。' }, themes: ['云计算', '工业互联网'] },
  { clause: { doc: DOCS.sichuan, snippet: '加强法律法规建设。' }, themes: ['网络安全', '大数据', '个人信息保护'] },
  { clause: { doc: DOCS.sichuan, snippet: '整合用好各类相关专项资金' }, themes: ['财税支持', '集成电路', '网络安全', '电子商务', '软件', '中小企业'] },
  { clause: { doc: DOCS.miit140, snippet: '加强和改进行业监管。' }, themes: ['行业监管与放管服', '信用体系', '云计算', '大数据'] },
  { clause: { doc: DOCS.miit140, snippet: '推动出台电信和互联网网络数据管理政策' }, themes: ['网络安全', '个人信息保护'] },
  { clause: { doc: DOCS.miit140, snippet: '推进车载智能芯片、自动驾驶操作系统' }, themes: ['智能网联汽车'] },
  { clause: { doc: DOCS.plan13, snippet: '积极推进第五代移动通信（5G）和超宽带关键技术研究' }, themes: ['5G', 'IPv6', '大数据', '云计算', '软件', '人工智能'] },
  { clause: { doc: DOCS.itGuide, snippet: '积极发展基础设施即服务' }, themes: ['云计算', '网络安全', '中小企业', '软件'] },
  { clause: { doc: DOCS.itGuide, snippet: '实施物联网重大应用示范工程' }, themes: ['物联网', '智能网联汽车', '在线医疗', '智能家居', '可穿戴设备', '智慧城市', '工业互联网', '信息消费试点示范'] },
  { clause: { doc: DOCS.germany, snippet: '一个核心：互联网 + 制造业' }, themes: ['智能制造', '互联网+'] },
];

// ---------------------------------------------------------------- responsibilities (exhaustive)

export interface GoldAssignment {
  clause: ClauseRef;
  lead: string[];
  support?: string[];
  deadline?: string | null;
  /** "等" closes the lead (or, for notes, the support) list. */
  openEnded?: boolean;
}

const SC40_DEADLINE = '截至2020年';
/** 国发〔2017〕40号 附件: 重点任务分工方案, one 负责单位 column (all responsible, listed as leads). */
const SC40_ROWS: [string, string[], boolean][] = [
  ['1', ['国家发展和改革委员会', '工业和信息化部', '交通运输部'], true],
  ['2', ['农业部', '工业和信息化部'], true],
  ['3', ['文化部', '中央网络安全和信息化委员会办公室', '国家新闻出版广电总局'], true],
  ['4', ['教育部'], true],
  ['5', ['国家卫生和计划生育委员会', '人力资源和社会保障部'], true],
  ['6', ['工业和信息化部', '国家发展和改革委员会'], true],
  ['7', ['商务部', '国家发展和改革委员会'], true],
  ['8', ['工业和信息化部', '国家发展和改革委员会'], true],
  ['9', ['工业和信息化部'], true],
  ['10', ['工业和信息化部', '国家发展和改革委员会', '科学技术部'], true],
  ['11', ['工业和信息化部', '国家发展和改革委员会'], true],
  ['12', ['工业和信息化部', '国家发展和改革委员会', '科学技术部'], true],
  ['13', ['工业和信息化部', '国家发展和改革委员会'], true],
  ['14', ['工业和信息化部', '国家发展和改革委员会'], true],
  ['15', ['国家发展和改革委员会', '工业和信息化部'], true],
  ['16', ['工业和信息化部', '财政部', '国家发展和改革委员会'], true],
  ['17', ['农业部', '工业和信息化部'], true],
  ['18', ['工业和信息化部'], true],
  ['19', ['农业部', '工业和信息化部'], true],
  ['20', ['地方各级人民政府'], false],
  ['21', ['工业和信息化部', '国家发展和改革委员会', '人力资源和社会保障部', '教育部', '农业部'], true],
  ['22', ['人力资源和社会保障部', '教育部', '工业和信息化部'], true],
  ['23', ['工业和信息化部', '有关地方人民政府'], true],
  ['24', ['工业和信息化部'], true],
  ['25', ['国家发展和改革委员会', '交通运输部', '商务部', '工业和信息化部'], true],
  ['26', ['中国人民银行', '中国银行业监督管理委员会', '中国保险监督管理委员会'], true],
  ['27', ['工业和信息化部'], true],
  ['28', ['国务院审改办', '国家工商行政管理总局'], true],
  ['29', ['国家发展和改革委员会', '工业和信息化部'], true],
  ['30', ['工业和信息化部', '商务部', '国家发展和改革委员会'], true],
  ['31', ['工业和信息化部', '国家发展和改革委员会', '中国人民银行', '中央网络安全和信息化委员会办公室'], true],
  ['32', ['工业和信息化部', '国家工商行政管理总局', '商务部', '国家质量监督检验检疫总局'], true],
  ['33', ['中央网络安全和信息化委员会办公室', '工业和信息化部', '公安部'], true],
  ['34', ['国家知识产权局', '文化部', '国家新闻出版广电总局', '中央网络安全和信息化委员会办公室'], true],
  ['35', ['公安部', '工业和信息化部', '中央网络安全和信息化委员会办公室', '中国人民银行', '国家工商行政管理总局', '国家质量监督检验检疫总局'], true],
  ['36', ['中央网络安全和信息化委员会办公室', '工业和信息化部', '公安部'], true],
  ['37', ['中央网络安全和信息化委员会办公室', '工业和信息化部', '公安部', '国家新闻出版广电总局', '国家质量监督检验检疫总局'], true],
  ['38', ['国家工商行政管理总局'], true],
  ['39', ['财政部', '有关地方人民政府'], true],
  ['40', ['科学技术部', '财政部', '国家税务总局'], true],
  ['41', ['工业和信息化部', '国家统计局'], true],
  ['42', ['工业和信息化部', '国家统计局'], true],
];

const AH = (name: string) => `安徽省${name}`;

export const GOLD_ASSIGNMENTS: GoldAssignment[] = [
  ...SC40_ROWS.map(([row, lead, openEnded]) => ({ clause: { doc: DOCS.sc40, row }, lead, deadline: SC40_DEADLINE, openEnded })),
  // 皖政〔2018〕20号 附件: 具体任务分解表 (牵头责任单位 / 配合单位 / 时限要求)
  { clause: { doc: DOCS.anhui20, row: '1' }, lead: [AH('各市人民政府'), AH('经济和信息化委员会')], support: [AH('发展和改革委员会'), AH('财政厅')], deadline: '2018年3月31日前', openEnded: true },
  { clause: { doc: DOCS.anhui20, row: '2' }, lead: [AH('经济和信息化委员会')], support: [AH('发展和改革委员会'), AH('科学技术厅')], deadline: '2020年底前', openEnded: false },
  { clause: { doc: DOCS.anhui20, row: '3' }, lead: [AH('经济和信息化委员会')], support: [AH('财政厅')], deadline: '2020年底前', openEnded: false },
  { clause: { doc: DOCS.anhui20, row: '4' }, lead: [AH('经济和信息化委员会')], support: [AH('有关市人民政府')], deadline: '2020年底前', openEnded: false },
  { clause: { doc: DOCS.anhui20, row: '5' }, lead: [AH('经济和信息化委员会')], support: [AH('有关市人民政府')], deadline: '力争2020年底前', openEnded: false },
  { clause: { doc: DOCS.anhui20, row: '6' }, lead: [AH('各市人民政府'), AH('通信管理局')], support: [AH('经济和信息化委员会')], deadline: '2020年底前', openEnded: false },
  { clause: { doc: DOCS.anhui20, row: '7' }, lead: [AH('通信管理局')], support: [AH('经济和信息化委员会')], deadline: '2020年底前', openEnded: false },
  // 皖政〔2018〕20号 body: （…牵头，…等配合） notes
  { clause: { doc: DOCS.anhui20, snippet: '推动信息消费终端产品创新升级。' }, lead: [AH('经济和信息化委员会')], support: [AH('发展和改革委员会')] },
  { clause: { doc: DOCS.anhui20, snippet: '拓展信息消费行业应用。' }, lead: [AH('经济和信息化委员会'), AH('发展和改革委员会')], support: [AH('环境保护厅'), AH('住房和城乡建设厅'), AH('交通运输厅'), AH('农业委员会')] },
  { clause: { doc: DOCS.anhui20, snippet: '提升信息技术服务能力。' }, lead: [AH('经济和信息化委员会')], support: [AH('发展和改革委员会'), AH('科学技术厅')] },
  { clause: { doc: DOCS.anhui20, snippet: '丰富数字创意内容和服务方式。' }, lead: [AH('文化厅')], support: [AH('委宣传部'), AH('新闻出版广电局')] },
  { clause: { doc: DOCS.anhui20, snippet: '发展智慧教育和智能医疗。' }, lead: [AH('教育厅'), AH('卫生和计划生育委员会'), AH('经济和信息化委员会')], support: [AH('人力资源和社会保障厅')] },
  { clause: { doc: DOCS.anhui20, snippet: '扩大电子商务服务领域。' }, lead: [AH('商务厅')], support: [AH('发展和改革委员会')] },
  { clause: { doc: DOCS.anhui20, snippet: '推动信息接入提速降费。' }, lead: [AH('通信管理局'), AH('经济和信息化委员会')], support: [AH('发展和改革委员会'), AH('委宣传部')] },
  { clause: { doc: DOCS.anhui20, snippet: '增强信息消费现场体验。' }, lead: [AH('经济和信息化委员会')], support: [AH('各市人民政府')] },
  { clause: { doc: DOCS.anhui20, snippet: '加强信息消费宣传推广。' }, lead: [AH('经济和信息化委员会'), AH('各市人民政府')], support: [AH('教育厅'), AH('人力资源和社会保障厅')] },
  {
    clause: { doc: DOCS.anhui20, snippet: '提升农村地区及特殊群体信息服务水平。' },
    lead: [AH('通信管理局'), AH('农业委员会')],
    support: [AH('各市人民政府'), AH('经济和信息化委员会'), AH('科学技术厅'), AH('财政厅'), AH('商务厅'), AH('供销合作社'), AH('扶贫开发工作办公室'), AH('气象局'), AH('邮政管理局')],
  },
  {
    clause: { doc: DOCS.anhui20, snippet: '加强和改进监管。坚持包容审慎监管' },
    lead: [AH('经济和信息化委员会'), AH('工商行政管理局'), AH('公安厅')],
    support: [AH('委网络安全和信息化委员会办公室'), AH('委机构编制委员会办公室'), AH('发展和改革委员会'), AH('质量技术监督局'), AH('通信管理局'), '中国人民银行合肥中心支行'],
  },
  {
    clause: { doc: DOCS.anhui20, snippet: '加快信用体系建设。健全用户身份' },
    lead: [AH('发展和改革委员会'), AH('经济和信息化委员会')],
    support: [AH('委网络安全和信息化委员会办公室'), AH('商务厅'), AH('工商行政管理局'), AH('质量技术监督局'), AH('通信管理局'), '中国人民银行合肥中心支行'],
  },
  {
    clause: { doc: DOCS.anhui20, snippet: '保障信息消费安全。' },
    lead: [AH('委网络安全和信息化委员会办公室'), AH('通信管理局')],
    support: [AH('科学技术厅'), AH('经济和信息化委员会'), AH('公安厅'), AH('文化厅'), AH('工商行政管理局'), AH('新闻出版广电局'), AH('质量技术监督局')],
  },
  { clause: { doc: DOCS.anhui20, snippet: '强化组织领导。' }, lead: [AH('经济和信息化委员会')], support: [AH('各市人民政府'), AH('有关部门')] },
  { clause: { doc: DOCS.anhui20, snippet: '加大财税支持力度。统筹' }, lead: [AH('经济和信息化委员会')], support: [AH('各市人民政府'), AH('发展和改革委员会'), AH('财政厅'), AH('人力资源和社会保障厅')] },
  { clause: { doc: DOCS.anhui20, snippet: '加强考核评价和统计监测。' }, lead: [AH('经济和信息化委员会')], support: [AH('统计局')] },
  // 信息产业发展指南 (in file 003): 工业和信息化部、发展改革委联合牵头
  { clause: { doc: DOCS.itGuide, snippet: '联合牵头' }, lead: ['工业和信息化部', '国家发展和改革委员会'] },
];

// ---------------------------------------------------------------- REPEATS (table row → body clause)

export const GOLD_REPEATS: { row: ClauseRef; body: ClauseRef[] }[] = [
  ...(
    [
      ['1', '拓展电子产品应用'], ['2', '拓展电子产品应用'], ['3', '丰富数字创意内容和服务'], ['4', '壮大在线教育和健康医疗'],
      ['5', '壮大在线教育和健康医疗'], ['6', '扩大电子商务服务领域'], ['7', '扩大电子商务服务领域'], ['8', '提升信息技术服务能力'],
      ['9', '提升信息技术服务能力'], ['10', '提升信息技术服务能力'], ['11', '推动信息基础设施提速升级'], ['12', '推动信息基础设施提速升级'],
      ['13', '推动信息基础设施提速升级'], ['14', '推动信息基础设施提速升级'], ['15', '推动信息基础设施提速升级'], ['16', '提高农村地区信息接入能力'],
      ['17', '提高农村地区信息接入能力'], ['18', '加快信息终端普及和升级'], ['19', '加快信息终端普及和升级'], ['20', '加快信息终端普及和升级'],
      ['21', '提升消费者信息技能'], ['22', '提升消费者信息技能'], ['23', '加大财税支持力度', '增强信息消费体验'], ['24', '推动信息消费全过程成本下降'],
      ['25', '推动信息消费全过程成本下降'], ['26', '推动信息消费全过程成本下降'], ['27', '加强和改进监管'], ['28', '加强和改进监管'],
      ['29', '加强和改进监管'], ['30', '加强和改进监管'], ['31', '加快信用体系建设'], ['32', '加快信用体系建设'],
      ['33', '加强个人信息和知识产权保护'], ['34', '加强个人信息和知识产权保护'], ['35', '加强和改进监管'], ['36', '提高信息消费安全性'],
      ['37', '提高信息消费安全性'], ['38', '提高信息消费安全性'], ['39', '加大财税支持力度'], ['40', '加大财税支持力度'],
      ['41', '加强统计监测和评价'], ['42', '加强统计监测和评价'],
    ] as string[][]
  ).map(([row, ...bodies]) => ({ row: { doc: DOCS.sc40, row }, body: bodies.map((snippet) => ({ doc: DOCS.sc40, snippet })) })),
  ...(
    [
      ['1', '抓紧制定出台实施细则及配套政策措施'], ['2', '培育和认定700个省级信息消费创新产品'], ['3', '重点建设发展50个信息消费众创空间'],
      ['4', '全省新增5个省级软件园区'], ['5', '争取到2020年建成50个共享车间'], ['6', '公共场所均实现无线宽带免费接入'], ['7', '积极推动第五代移动通信（5G）试验网'],
    ] as string[][]
  ).map(([row, snippet]) => ({ row: { doc: DOCS.anhui20, row }, body: [{ doc: DOCS.anhui20, snippet }] })),
];

// ---------------------------------------------------------------- targets (exhaustive)

export interface GoldTarget {
  doc: DocRef;
  metric: string;
  /** As written; null for a dated goal without a number (then the value is not compared). */
  value: string | null;
  amount?: number | null;
  unit?: string | null;
  year: number | null;
  growth?: string | null;
}

const T = (doc: DocRef, metric: string, value: string | null, year: number | null, extra: Partial<GoldTarget> = {}): GoldTarget => ({ doc, metric, value, year, ...extra });

export const GOLD_TARGETS: GoldTarget[] = [
  // 工信部联信软〔2018〕140号
  T(DOCS.miit140, '信息消费规模', '6万亿元', 2020, { amount: 6e12, unit: '元', growth: '11%以上' }),
  T(DOCS.miit140, '信息消费带动相关领域产出', '15万亿元', 2020, { amount: 1.5e13, unit: '元' }),
  T(DOCS.miit140, '行政村光纤通达', '98%', 2020, { amount: 98, unit: '%' }),
  T(DOCS.miit140, '行政村4G网络覆盖', '98%', 2020, { amount: 98, unit: '%' }),
  T(DOCS.miit140, 'ITSS贯标企业', '2000家', 2020, { amount: 2000, unit: '家' }),
  T(DOCS.miit140, '电子商务普及率', '60%', 2020, { amount: 60, unit: '%' }),
  T(DOCS.miit140, '城镇地区光网接入能力', '1000Mbps以上', 2020, { amount: 1000, unit: 'Mbps' }),
  T(DOCS.miit140, '农村宽带接入能力', '100Mbps以上', 2020, { amount: 100, unit: 'Mbps' }),
  T(DOCS.miit140, '5G商用', null, 2020),
  // 国发〔2017〕40号
  T(DOCS.sc40, '信息消费规模', '6万亿元', 2020, { amount: 6e12, unit: '元', growth: '11%以上' }),
  T(DOCS.sc40, '信息消费带动相关领域产出', '15万亿元', 2020, { amount: 1.5e13, unit: '元' }),
  T(DOCS.sc40, '5G商用', null, 2020),
  T(DOCS.sc40, '行政村光纤通达', '98%', 2020, { amount: 98, unit: '%' }),
  T(DOCS.sc40, '村级信息服务站覆盖率', '80%', 2020, { amount: 80, unit: '%' }),
  T(DOCS.sc40, '信息技能培训项目', '100个以上', null, { amount: 100, unit: '个' }),
  // 四川省 (draft)
  T(DOCS.sichuan, '信息消费规模', '6000亿元', 2022, { amount: 6e11, unit: '元', growth: '12%以上' }),
  T(DOCS.sichuan, '电子信息产业主营业务收入', '1.5万亿元', 2022, { amount: 1.5e12, unit: '元' }),
  T(DOCS.sichuan, '行政村光纤通达', null, 2022),
  T(DOCS.sichuan, '行政村4G网络覆盖', null, 2022),
  T(DOCS.sichuan, '5G商用', null, 2022),
  T(DOCS.sichuan, 'IPv6部署', null, 2022),
  T(DOCS.sichuan, 'NB-IoT覆盖', null, 2022),
  T(DOCS.sichuan, '行政村光纤通达', null, 2020),
  T(DOCS.sichuan, '行政村4G网络覆盖', null, 2020),
  T(DOCS.sichuan, '行政村宽带接入能力', '100Mbps以上', 2020, { amount: 100, unit: 'Mbps' }),
  T(DOCS.sichuan, '新型显示产业产值', '1500亿元', 2022, { amount: 1.5e11, unit: '元' }),
  T(DOCS.sichuan, '新增上云企业', '15万家以上', 2022, { amount: 150000, unit: '家' }),
  T(DOCS.sichuan, '网络零售额', '5000亿元', 2022, { amount: 5e11, unit: '元' }),
  // 皖政〔2018〕20号
  T(DOCS.anhui20, '信息消费规模', '5000亿元', 2020, { amount: 5e11, unit: '元', growth: '16%以上' }),
  T(DOCS.anhui20, '信息消费体验中心覆盖', null, 2020),
  T(DOCS.anhui20, '信息消费体验中心覆盖', null, 2018),
  T(DOCS.anhui20, '省级信息消费创新产品', '700个', 2020, { amount: 700, unit: '个' }),
  T(DOCS.anhui20, '信息消费智能终端产品创新基地', '10个以上', 2020, { amount: 10, unit: '个' }),
  T(DOCS.anhui20, '信息消费众创空间', '50个', 2020, { amount: 50, unit: '个' }),
  T(DOCS.anhui20, '省级软件园区', '5个', 2020, { amount: 5, unit: '个' }),
  T(DOCS.anhui20, '共享车间', '50个', 2020, { amount: 50, unit: '个' }),
  T(DOCS.anhui20, '无线宽带免费接入', null, 2020),
  T(DOCS.anhui20, '窄带物联网连接数', '4000万', 2020, { amount: 4e7 }),
  T(DOCS.anhui20, '5G商用', null, 2020),
  T(DOCS.anhui20, '宽带网络城乡覆盖', null, 2020),
  T(DOCS.anhui20, '行政村光纤通达', '100%', 2020, { amount: 100, unit: '%' }),
  T(DOCS.anhui20, '农村宽带接入能力', '30Mbps以上', 2020, { amount: 30, unit: 'Mbps' }),
  // file 003: 十三五 plan excerpt (no year stated) and 信息产业发展指南
  T(DOCS.plan13, '城镇地区光网接入能力', '1000兆比特每秒以上', null, { amount: 1000, unit: 'Mbps' }),
  T(DOCS.plan13, '城市家庭用户带宽', '100兆比特以上', null, { amount: 100, unit: 'Mbps' }),
  T(DOCS.plan13, '行政村光纤通达', '98%', null, { amount: 98, unit: '%' }),
  T(DOCS.plan13, '农村宽带接入能力', '100兆比特每秒以上', null, { amount: 100, unit: 'Mbps' }),
  T(DOCS.plan13, '农村宽带接入能力', '50兆比特以上', null, { amount: 50, unit: 'Mbps' }),
  T(DOCS.itGuide, '光网城乡覆盖', null, 2020),
  T(DOCS.itGuide, '5G商用', null, 2020),
];

// ---------------------------------------------------------------- citations (exhaustive)

export interface GoldCitation {
  from: DocRef;
  /** The cited document: its 文号, or any of its titles. */
  to: { docNumber?: string; titles?: string[] };
  implements?: boolean;
  inCorpus: boolean;
}

const CYBER_LAW = { titles: ['中华人民共和国网络安全法'] };

export const GOLD_CITATIONS: GoldCitation[] = [
  { from: DOCS.miit140, to: { docNumber: '国发〔2017〕40号' }, implements: true, inCorpus: true },
  { from: DOCS.miit140, to: CYBER_LAW, inCorpus: false },
  { from: DOCS.sc40, to: CYBER_LAW, inCorpus: false },
  { from: DOCS.sichuan, to: { docNumber: '工信部联信软〔2018〕140号' }, implements: true, inCorpus: true },
  { from: DOCS.sichuan, to: { docNumber: '川府发〔2018〕32号' }, implements: true, inCorpus: false },
  { from: DOCS.sichuan, to: CYBER_LAW, inCorpus: false },
  { from: DOCS.anhui20, to: { docNumber: '国发〔2017〕40号' }, implements: true, inCorpus: true },
  { from: DOCS.itGuide, to: { titles: ['中华人民共和国国民经济和社会发展第十三个五年规划纲要', '国家十三五规划'] }, inCorpus: true },
  { from: DOCS.itGuide, to: { titles: ['中国制造2025'] }, inCorpus: true },
  { from: DOCS.itGuide, to: { titles: ['国家信息化发展战略纲要'] }, inCorpus: false },
  { from: DOCS.itGuide, to: { docNumber: '国发〔2015〕40号' }, inCorpus: false },
  { from: DOCS.itGuide, to: { docNumber: '国发〔2016〕28号' }, inCorpus: false },
  { from: DOCS.itGuide, to: { titles: ['中华人民共和国电信法'] }, inCorpus: false },
  { from: DOCS.itGuide, to: CYBER_LAW, inCorpus: false },
  { from: DOCS.itGuide, to: { titles: ['首台（套）重大技术装备推广应用指导目录'] }, inCorpus: false },
  { from: DOCS.germany, to: { titles: ['德国2020高技术战略'] }, inCorpus: false },
  { from: DOCS.germany, to: { titles: ['中国制造2025'] }, inCorpus: true },
  { from: DOCS.germany, to: { titles: ['德国工业4.0'] }, inCorpus: false },
];

// ---------------------------------------------------------------- issuers and regions (exhaustive)

export const GOLD_ISSUERS: { doc: DocRef; issuers: string[] }[] = [
  { doc: DOCS.miit140, issuers: ['工业和信息化部', '国家发展和改革委员会'] },
  { doc: DOCS.sc40, issuers: ['国务院'] },
  { doc: DOCS.anhui20, issuers: ['安徽省人民政府'] },
  { doc: { docNumber: '川府发〔2018〕32号' }, issuers: ['四川省人民政府'] },
  { doc: { docNumber: '国发〔2015〕40号' }, issuers: ['国务院'] },
  { doc: { docNumber: '国发〔2016〕28号' }, issuers: ['国务院'] },
  { doc: { title: '中华人民共和国网络安全法' }, issuers: ['全国人民代表大会常务委员会'] },
];

export const GOLD_REGIONS: { doc: DocRef; region: string }[] = [
  { doc: DOCS.miit140, region: '全国' },
  { doc: DOCS.sc40, region: '全国' },
  { doc: DOCS.sichuan, region: '四川省' },
  { doc: DOCS.anhui20, region: '安徽省' },
  { doc: DOCS.plan13, region: '全国' },
  { doc: DOCS.itGuide, region: '全国' },
  { doc: DOCS.mic2025, region: '全国' },
  { doc: { docNumber: '川府发〔2018〕32号' }, region: '四川省' },
  { doc: { docNumber: '国发〔2015〕40号' }, region: '全国' },
  { doc: { docNumber: '国发〔2016〕28号' }, region: '全国' },
  { doc: { title: '中华人民共和国网络安全法' }, region: '全国' },
  { doc: { title: '中华人民共和国电信法' }, region: '全国' },
];
