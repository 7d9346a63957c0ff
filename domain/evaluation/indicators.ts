/**
 * The twelve indicators of the operating-performance evaluation (004 seed, ch. 5 §4 (1) 2) 운영성과
 * 평가지표 가–타), in the seed's order, with its words and an English title.
 */
export const INDICATORS = [
  { code: '가', ko: '최고경영자(CEO)가 자율관리 의지를 갖고 정책을 개발하는지 및 임직원들이 그러한 사항을 제대로 인식하는지 여부', en: 'Leadership: the CEO develops the policy and staff know it' },
  { code: '나', ko: '경영이념, 경영방침 중에 고객지향의 방침이 어느 정도 명시 또는 반영되어 있는지 여부', en: 'Customer focus in the management philosophy and policy' },
  { code: '다', ko: '직원들이 본인의 업무와 관련하여 어떤 행위가 고객불만 및 피해를 유발하는가에 관하여 제대로 이해하고 있는지 여부', en: 'Staff understand which acts cause complaints and harm' },
  { code: '라', ko: '직원들이 고객피해 예방을 위하여 해야 할 일과 하지 말아야 할 일을 제대로 인지하는지 여부', en: "Staff know the do's and don'ts of preventing harm" },
  { code: '마', ko: '모든 관리계층에서 자율관리 책임을 제대로 인지하고 있는지 여부', en: 'Every management level knows its responsibility' },
  { code: '바', ko: '고객불만 및 피해의 발생규모와 심각성의 반영 여부', en: 'Volume and severity of complaints and harm' },
  { code: '사', ko: '고객불만의 원인을 객관적으로 적절히 규명했으며 정확하고 자세히 기록하였는지 여부', en: 'Causes identified objectively and recorded in detail' },
  { code: '아', ko: '고객불만의 원인을 규명하고 처리를 완료한 후, 동종 또는 유사사례가 발생치 않도록 적절한 시정 및 예방조치를 취했는지 여부', en: 'Corrective and preventive actions after closed cases' },
  { code: '자', ko: '프로그램 위반행위에 대하여 어떤 시정조치가 이뤄졌으며 이것이 어느 정도 효과적이었는지 여부', en: 'Measures on violations of the programme and their effect' },
  { code: '차', ko: '직원들이 고객불만을 기본방침과 합치되게 처리하였는지 여부', en: 'Complaints handled according to the policy' },
  { code: '카', ko: '자율관리 프로그램의 내부감시는 어느 정도의 빈도로 수행되며, 이것이 법 위반행위를 예방 또는 적발하는데 효과적이었는지 여부', en: 'Internal monitoring: how often, and how effective' },
  { code: '타', ko: '자율관리 교육은 누구에게 어느 정도 실시되고 있으며, 교육의 효과는 어떠하였는지 여부', en: 'Training: to whom, how much, with what effect' },
] as const;

export type IndicatorCode = (typeof INDICATORS)[number]['code'];
export const INDICATOR_CODES = INDICATORS.map((i) => i.code) as readonly IndicatorCode[];

/** The judgement of one indicator. */
export const RATINGS = ['met', 'partly-met', 'not-met'] as const;
export type Rating = (typeof RATINGS)[number];

/**
 * What the results of an evaluation hold (ch. 5 §4 (1) 2) 나 "결과에는 … 반영"): decisions and actions on the
 * handling process, proposals to improve the service, and the human and material resources needed.
 */
export const ACTION_KINDS = ['process-improvement', 'service-proposal', 'resource-need'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_STATUSES = ['open', 'in-progress', 'completed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
