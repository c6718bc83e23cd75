#!/usr/bin/env node
// Seeded generator of realistic procedure corpora for the benchmark.
// Usage: node bench/generate.mjs --files 10000 --out bench/corpus/10k [--seed 1] [--big-steps 50000]
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { benchArgs } from './args.mjs';

const require = createRequire(import.meta.url);
const { values } = benchArgs('node bench/generate.mjs --files 10000 --out bench/corpus/10k [--seed 1] [--big-steps 50000]', {
  options: {
    files: { type: 'string', default: '1000' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'big-steps': { type: 'string' },
  },
});

/** mulberry32: small, fast, seedable. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(Number(values.seed));
const pick = (list) => list[Math.floor(rand() * list.length)];
const between = (low, high) => low + Math.floor(rand() * (high - low + 1));
const toTraditional = require('opencc-js/cn2t').Converter({ from: 'cn', to: 'tw' });

const DEPARTMENTS = [
  ['civil-affairs', '市民政局'], ['medical-insurance', '市医疗保障局'], ['public-security', '市公安局'],
  ['finance', '某农村商业银行'], ['insurance', '某人寿保险公司'], ['market-regulation', '市市场监督管理局'],
  ['human-resources', '市人力资源和社会保障局'], ['justice', '市公证处'], ['health', '市卫生健康委员会'],
  ['housing', '市住房和城乡建设局'], ['education', '市教育局'], ['disabled-persons-federation', '市残疾人联合会'],
];
const MATTERS = ['最低生活保障申请', '外伤住院医疗费用报销', '门诊特殊病认定', '户籍证明开具', '居民身份证补领', '无犯罪记录证明申请',
  '已故存款人存款支取', '个人住房贷款', '意外伤害保险理赔', '个体工商户设立登记', '失业登记', '养老金领取资格认证', '亲属关系公证',
  '出生医学证明补发', '公共租赁住房申请', '学生资助申请', '残疾人证办理', '住宅专项维修资金使用', '高龄津贴申领', '独生子女父母奖励'];
const STEP_NAMES = ['提交申请', '材料审核', '受理', '实地核查', '审批', '公示', '办结', '领取结果', '信息核验', '缴费'];
const PLAIN_DOCUMENTS = ['居民身份证', '户口簿', '申请表', '门急诊病历', '医疗费用发票', '诊断证明书', '营业执照', '银行卡', '结婚证',
  '出院小结', '房屋租赁合同', '学生证', '残疾人证', '委托书', '《外伤参保患者住院情况承诺书》', '告知承诺书'];
const CERTIFICATES = ['亲属关系证明', '户籍证明', '居民养犬证明', '无犯罪记录证明', '婚姻状况证明', '出生证明', '健在证明', '生存证明',
  '死亡证明', '意外伤害证明', '外伤原因证明', '残疾状况证明', '独生子女证明', '失业证明', '个人档案证明', '收入证明', '无房证明',
  '继承权证明', '经营场所证明', '证件遗失证明', '监护证明', '生活困难证明', '居住证明', '社区实践活动证明', '情况说明'];
const COMMUNITY = ['community', 'village-committee', '社区居委会', '居委会', '村委会', '村（居）委会', '居(村)委会', '社区', '村民委员会'];
const OTHER_ISSUERS = ['self', 'hospital', 'police', '派出所', '社区卫生服务中心', '街道办事处', 'employer', 'bank', 'notary'];
const NOTES = ['由户籍所在地居委会出具并加盖公章', '需社区核实盖章', '无需社区盖章', '原需社区盖章，现已取消', '通过信息共享核验',
  '无需社区盖章，但需村委会出具收入证明', '以承诺书代替社区证明', '复印件一份', '原件核验后退回', '在社区公示7天'];
const DESCRIPTIONS = ['申请人携带材料到窗口办理。', '工作人员通过信息共享核验申请人身份。', '需到社区开具证明后方可办理。',
  '审核结果在申请人居住地社区公示。', '社区卫生服务中心出具诊断意见。', '不再要求提供社区证明，改为申请人书面承诺。',
  '材料齐全的当场受理，不齐全的一次性告知。', '由村（居）委会初审后报乡镇审核。'];

function requirement() {
  const communityIssued = rand() < 0.15;
  const lines = [`        - name: ${communityIssued || rand() < 0.3 ? pick(CERTIFICATES) : pick(PLAIN_DOCUMENTS)}`];
  lines.push(`          issuer: "${communityIssued ? pick(COMMUNITY) : pick(OTHER_ISSUERS)}"`);
  if (rand() < 0.3) lines.push(`          stamp: ${rand() < 0.5}`);
  if (rand() < 0.25) lines.push(`          purpose: 用于${pick(MATTERS)}`);
  if (rand() < 0.3) lines.push(`          note: ${pick(NOTES)}`);
  return lines.join('\n');
}

function step(index) {
  const lines = [`    - id: s${index}`, `      name: ${pick(STEP_NAMES)}`, `      actor: ${pick(['applicant', 'department', 'third-party'])}`];
  if (rand() < 0.5) lines.push(`      description: ${pick(DESCRIPTIONS)}`);
  const count = between(0, 6);
  if (count > 0) lines.push('      requires:', ...Array.from({ length: count }, requirement));
  return lines.join('\n');
}

function procedure(id, steps) {
  const [code, name] = pick(DEPARTMENTS);
  const text = [
    'procedure:', `  id: ${id}`, `  name: ${pick(MATTERS)}`, `  department: ${code}`, `  department_name: ${name}`,
    `  version: "20${between(15, 24)}-0${between(1, 9)}-1${between(0, 9)}"`, '  steps:',
    ...Array.from({ length: steps }, (_, index) => step(index + 1)),
  ].join('\n') + '\n';
  return rand() < 0.1 ? toTraditional(text) : text;
}

const out = values.out ?? 'bench/corpus/default';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
if (values['big-steps']) {
  writeFileSync(join(out, 'big.yaml'), procedure('big-procedure', Number(values['big-steps'])));
} else {
  const files = Number(values.files);
  for (let index = 0; index < files; index++) {
    const directory = join(out, `d${Math.floor(index / 1000)}`);
    if (index % 1000 === 0) mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, `p${index}.yaml`), procedure(`p${index}`, between(2, 8)));
  }
}
console.log(`generated ${values['big-steps'] ? `one file of ${values['big-steps']} steps` : `${values.files} files`} in ${out}`);
