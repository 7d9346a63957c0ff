import type { NoticeTemplates } from './template.js';

/** Notices in English. */
export const en: NoticeTemplates = {
  locale: 'en-GB',
  money: {},
  kinds: {
    acknowledgement: {
      subject: 'We have received your complaint (reference {reference})',
      email: `Dear {name},

We have received the complaint ({category}) you made on {receivedAt}.
Reference: {reference}

The department handling it will look into the facts and tell you the result. If it takes longer than expected, we will tell you how it is going and why.

The complaints office`,
      sms: `We have received your complaint, {name}.
Reference {reference}`,
    },
    'interim-notice': {
      subject: 'How your complaint is progressing (reference {reference})',
      email: `Dear {name},

This is an update on your complaint (reference {reference}).

Progress: {progress}
Reason for the delay: {delayReason}
Expected by: {expectedBy}

We will tell you the result as soon as it is decided. We are sorry for the wait.

The complaints office`,
      sms: `Your complaint {reference}
Progress: {progress}
Delay: {delayReason}
Expected by: {expectedBy}`,
    },
    decision: {
      subject: 'The decision on your complaint (reference {reference})',
      email: `Dear {name},

We have decided on your complaint (reference {reference}).

Decision: {outcome}
Basis: {basis}
What we will do: {remedy}
Compensation: {compensation}

How to appeal: {appeal}

The complaints office`,
      sms: `Your complaint {reference}
Decision: {outcome}
Basis: {basis}
What we will do: {remedy}
Compensation: {compensation}
To appeal: {appeal}`,
    },
    exclusion: {
      subject: 'Your complaint cannot be handled as a complaint (reference {reference})',
      email: `Dear {name},

We have looked at your complaint (reference {reference}) and cannot handle it as a complaint.

Why: {exclusion}

If you think this is wrong, please contact the complaints office.

The complaints office`,
      sms: `Your complaint {reference} cannot be handled as a complaint.
Why: {exclusion}
Questions: the complaints office`,
    },
    reopening: {
      subject: 'Your complaint is being looked at again (reference {reference})',
      email: `Dear {name},

Your complaint (reference {reference}) was reopened: we are looking at it again, and will tell you its new result.

The complaints office`,
      sms: `Your complaint {reference} is being looked at again. We will tell you its new result.`,
    },
    'satisfaction-survey': {
      subject: 'How did we handle your complaint? (reference {reference})',
      email: `Dear {name},

We have finished handling your complaint (reference {reference}). Please tell us how we did: your answers help us improve.

We ask you to score each of these from 1 to 5: {questions}.

The survey is at the bottom of the page your follow-up link opens on the complaint portal (the link we gave you when you filed). If you no longer have it, ask for a one-time code on the complaint portal with your reference and your e-mail address, or ask the complaints office to send you a new link.
The complaint portal: {portalUrl}
Or take the survey here: {surveyUrl}

The complaints office`,
      sms: `How did we handle your complaint {reference}? Please score each from 1 to 5 on the complaint portal, with your follow-up link: {questions}.
{portalUrl}
{surveyUrl}`,
      withoutLink: {
        email: `Dear {name},

We have finished handling your complaint (reference {reference}). Please tell us how we did: your answers help us improve.

We ask you to score each of these from 1 to 5: {questions}.

The survey is at the bottom of your complaint's page on the complaint portal. To open it, contact the complaints office, which can send you a link to it, or ask for a one-time code on the complaint portal with your reference and your e-mail address.
The complaint portal: {portalUrl}
Or take the survey here: {surveyUrl}

The complaints office`,
        sms: `How did we handle your complaint {reference}? Please score each from 1 to 5: {questions}. For a link to the survey on the complaint portal, contact the complaints office.
{surveyUrl}`,
      },
    },
    'supplement-request': {
      subject: 'We need more from you about your complaint (reference {reference})',
      email: `Dear {name},

To handle your complaint (reference {reference}) we need the following from you:

{request}

Please add it on the complaint portal: open your follow-up link (the one we gave you when you filed) and change what you wrote; or call the complaints office. Without the link, ask for a one-time code on the complaint portal with your reference and your e-mail address. The handling deadline waits for your answer.
The complaint portal: {portalUrl}

The complaints office`,
      sms: `Your complaint {reference}: we need more from you. Please add it on the complaint portal, with your follow-up link.
{request}`,
      withoutLink: {
        email: `Dear {name},

To handle your complaint (reference {reference}) we need the following from you:

{request}

Please contact the complaints office: they can send you a link to your complaint on the complaint portal, where you can change what you wrote. You can also ask for a one-time code on the complaint portal with your reference and your e-mail address. The handling deadline waits for your answer.
The complaint portal: {portalUrl}

The complaints office`,
        sms: `Your complaint {reference}: we need more from you. Please contact the complaints office, which can send you a link to add it on the complaint portal.
{request}`,
      },
    },
    'information-request': {
      subject: 'A question about your complaint (reference {reference})',
      email: `Dear {name},

To handle your complaint (reference {reference}) we ask you:

{request}

Please answer by {dueAt} on the complaint portal, with the follow-up link we sent you when you filed it (or with your reference and a code sent to your e-mail address), or call the complaints office.
The complaint portal: {portalUrl}

The complaints office`,
      sms: `Your complaint {reference}: a question for you, please answer on the complaint portal by {dueAt}.
{request}`,
    },
  },
  outcomes: {
    upheld: 'upheld',
    'partly-upheld': 'partly upheld',
    'not-upheld': 'not upheld',
  },
  exclusions: {
    'private-law': 'it is a matter of private rights between you and another party, which a complaint cannot settle',
    'court-or-investigation': 'it is before a court or under investigation',
    unidentified: 'we could not tell who filed it',
    fraudulent: 'it was judged not to be made in good faith',
  },
};
