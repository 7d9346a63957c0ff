import type { NoticeTemplates } from './template.js';

/** 한국어 통지문. */
export const ko: NoticeTemplates = {
  locale: 'ko-KR',
  money: { KRW: '{amount}원' },
  kinds: {
    acknowledgement: {
      subject: '[민원 접수] 민원이 접수되었습니다 (접수번호 {reference})',
      email: `{name} 님, 안녕하십니까.

{receivedAt}에 제출하신 민원({category})이 접수되었습니다.
접수번호: {reference}

담당 부서에서 사실관계를 확인한 뒤 처리 결과를 알려 드리겠습니다. 처리가 늦어질 경우 진행 상황과 지연 사유를 중간에 안내해 드리겠습니다.

고객불만 처리 담당 드림`,
      sms: `[민원 접수] {name} 님의 민원이 접수되었습니다.
접수번호 {reference}`,
    },
    'interim-notice': {
      subject: '[민원 중간 안내] 처리 진행 상황을 알려 드립니다 (접수번호 {reference})',
      email: `{name} 님, 안녕하십니까.

제출하신 민원(접수번호 {reference})의 처리 진행 상황을 알려 드립니다.

진행 상황: {progress}
지연 사유: {delayReason}
처리 예정 일시: {expectedBy}

처리가 끝나는 대로 결과를 알려 드리겠습니다. 기다리게 해 드려 죄송합니다.

고객불만 처리 담당 드림`,
      sms: `[민원 중간 안내] 접수번호 {reference}
진행 상황: {progress}
지연 사유: {delayReason}
처리 예정: {expectedBy}`,
    },
    decision: {
      subject: '[민원 처리 결과] 처리 결과를 알려 드립니다 (접수번호 {reference})',
      email: `{name} 님, 안녕하십니까.

제출하신 민원(접수번호 {reference})의 처리 결과를 알려 드립니다.

처리 결과: {outcome}
판단 근거: {basis}
조치 내용: {remedy}
보상: {compensation}

이의 신청 방법: {appeal}

고객불만 처리 담당 드림`,
      sms: `[민원 처리 결과] 접수번호 {reference}
결과: {outcome}
근거: {basis}
조치: {remedy}
보상: {compensation}
이의 신청: {appeal}`,
    },
    exclusion: {
      subject: '[민원 처리 결과] 고객불만으로 처리할 수 없음을 알려 드립니다 (접수번호 {reference})',
      email: `{name} 님, 안녕하십니까.

제출하신 민원(접수번호 {reference})을 검토한 결과, 고객불만으로 처리할 수 없어 알려 드립니다.

사유: {exclusion}

이 판단에 의견이 있으시면 고객불만 처리 담당에게 연락해 주십시오.

고객불만 처리 담당 드림`,
      sms: `[민원 처리 결과] 접수번호 {reference}
고객불만으로 처리할 수 없습니다.
사유: {exclusion}
문의: 고객불만 처리 담당`,
    },
    reopening: {
      subject: '[민원 재검토] 민원을 다시 검토합니다 (접수번호 {reference})',
      email: `{name} 님, 안녕하십니까.

제출하신 민원(접수번호 {reference})을 다시 검토하기로 했습니다. 새 처리 결과를 알려 드리겠습니다.

고객불만 처리 담당 드림`,
      sms: `[민원 재검토] 접수번호 {reference} 민원을 다시 검토합니다. 새 처리 결과를 알려 드리겠습니다.`,
    },
    'satisfaction-survey': {
      subject: '[만족도 조사] 민원 처리에 대한 의견을 들려주십시오 (접수번호 {reference})',
      email: `{name} 님, 안녕하십니까.

제출하신 민원(접수번호 {reference})의 처리를 마쳤습니다. 처리에 대한 의견을 들려주시면 업무 개선에 반영하겠습니다.

여쭙는 내용(항목마다 1점부터 5점까지): {questions}

민원 포털에서 처리 상황 확인 주소(민원을 신청하실 때 받으신 주소)를 여시면 아래쪽에 만족도 조사가 있습니다. 주소가 없으시면 민원 포털에서 접수번호와 전자우편 주소로 확인 코드를 받아 여시거나, 고객불만 처리 담당에게 새 주소를 요청해 주십시오.
민원 포털: {portalUrl}
다른 곳에서 답하기: {surveyUrl}

고객불만 처리 담당 드림`,
      sms: `[만족도 조사] 접수번호 {reference} 민원 처리에 대한 의견을 민원 포털의 처리 상황 확인 주소에서 들려주십시오(항목마다 1~5점: {questions}).
{portalUrl}
{surveyUrl}`,
      withoutLink: {
        email: `{name} 님, 안녕하십니까.

제출하신 민원(접수번호 {reference})의 처리를 마쳤습니다. 처리에 대한 의견을 들려주시면 업무 개선에 반영하겠습니다.

여쭙는 내용(항목마다 1점부터 5점까지): {questions}

만족도 조사는 민원 포털의 처리 상황 확인 화면 아래쪽에 있습니다. 고객불만 처리 담당에게 연락해 주시면 그 화면의 주소를 보내 드립니다. 민원 포털에서 접수번호와 전자우편 주소로 확인 코드를 받아 여실 수도 있습니다.
민원 포털: {portalUrl}
다른 곳에서 답하기: {surveyUrl}

고객불만 처리 담당 드림`,
        sms: `[만족도 조사] 접수번호 {reference} 민원 처리에 대한 의견을 들려주십시오(항목마다 1~5점: {questions}). 민원 포털에서 답하실 주소는 고객불만 처리 담당에게 연락해 주시면 보내 드립니다.
{surveyUrl}`,
      },
    },
    'supplement-request': {
      subject: '[민원 보완 요청] 민원 처리를 위해 보완이 필요합니다 (접수번호 {reference})',
      email: `{name} 님, 안녕하십니까.

제출하신 민원(접수번호 {reference})의 처리를 위해 다음 사항의 보완을 요청드립니다.

{request}

민원 포털에서 처리 상황 확인 주소(민원을 신청하실 때 받으신 주소)를 열어 '신청 내용 변경'으로 보완해 주시거나, 고객불만 처리 담당에게 연락해 주십시오. 주소가 없으시면 민원 포털에서 접수번호와 전자우편 주소로 확인 코드를 받으실 수 있습니다. 보완에 드는 기간은 처리기간에 넣지 않습니다.
민원 포털: {portalUrl}

고객불만 처리 담당 드림`,
      sms: `[민원 보완 요청] 접수번호 {reference}: 민원 포털의 처리 상황 확인 주소에서 신청 내용을 보완해 주십시오.
{request}`,
      withoutLink: {
        email: `{name} 님, 안녕하십니까.

제출하신 민원(접수번호 {reference})의 처리를 위해 다음 사항의 보완을 요청드립니다.

{request}

고객불만 처리 담당에게 연락해 주십시오. 민원 포털에서 신청 내용을 보완하실 수 있는 주소를 보내 드립니다. 민원 포털에서 접수번호와 전자우편 주소로 확인 코드를 받아 보완하실 수도 있습니다. 보완에 드는 기간은 처리기간에 넣지 않습니다.
민원 포털: {portalUrl}

고객불만 처리 담당 드림`,
        sms: `[민원 보완 요청] 접수번호 {reference}: 신청 내용의 보완이 필요합니다. 고객불만 처리 담당에게 연락해 주시면 민원 포털에서 보완하실 수 있는 주소를 보내 드립니다.
{request}`,
      },
    },
    'information-request': {
      subject: '[민원 자료 요청] 민원 처리를 위해 확인드립니다 (접수번호 {reference})',
      email: `{name} 님, 안녕하십니까.

제출하신 민원(접수번호 {reference})의 처리를 위해 다음 사항을 여쭙니다.

{request}

{dueAt}까지 민원 접수 시 보내 드린 확인 링크(또는 접수번호와 전자우편으로 받으신 확인 번호)로 민원 포털에서 답해 주시거나, 고객불만 처리 담당에게 연락해 주십시오.
민원 포털: {portalUrl}

고객불만 처리 담당 드림`,
      sms: `[민원 자료 요청] 접수번호 {reference}: {dueAt}까지 민원 포털에서 답해 주십시오.
{request}`,
    },
  },
  outcomes: {
    upheld: '수용',
    'partly-upheld': '일부 수용',
    'not-upheld': '불수용',
  },
  exclusions: {
    'private-law': '당사자 사이의 사적인 권리관계에 관한 사안으로, 고객불만으로 해결할 수 없습니다',
    'court-or-investigation': '재판이나 수사가 진행 중인 사안입니다',
    unidentified: '신청하신 분을 확인할 수 없었습니다',
    fraudulent: '정당한 목적의 신청이 아닌 것으로 판단되었습니다',
  },
};
