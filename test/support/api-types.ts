// Generated from /openapi.json by openapi-typescript (`npm run api:types`); test/api/api-description.e2e.test.ts checks it is current.
export interface paths {
    "/complainants/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A complainant's cases and the keys linked to theirs, before an erasure
         * @description The cases of the key, and the other keys that share a phone or e-mail with it (`linkedKeys`, followed transitively), with their cases. A link is an inference, not a fact: phones and e-mails are never verified, so anyone can file with another person's e-mail. `POST /complainants/{key}/erasure` erases the key alone, and a linked key only when its body lists it in `linkedKeys`, once the office has confirmed it is the same person. The key itself is a keyed hash of the phone given (else the e-mail, else the name and address): every case filed with that contact has it, and its erasure takes them all. No personal data.
         */
        get: operations["PersonalDataController_complainant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complainants/{key}/erasure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase a complainant's personal data (and the linked keys listed)
         * @description Destroys the data keys of the key asked for, and of each key in `linkedKeys`, which must be among the `linkedKeys` of `GET /complainants/{key}`, each listed once (else a 400 naming `linkedKeys[i]`, and nothing is erased). A linked key not listed keeps its data: a link is a shared phone or e-mail, never verified. Recorded as a `ComplainantDataErased` event per key erased (a listed key's names the key asked for, `linkedTo`). 404 when the key is unknown, or it and every key listed were erased before.
         */
        post: operations["PersonalDataController_erase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/personal-data/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Erase the personal data of cases past the retention period */
        post: operations["PersonalDataController_retention"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases, filtered, urgent first then newest, or most urgent first */
        get: operations["ComplaintsController_list"];
        put?: never;
        /**
         * Receive a complaint from any channel
         * @description The complainant reads `description`, `attachments` on the complaint portal: see each field.
         */
        post: operations["complaint-receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/subjects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The subject lines of many cases at once
         * @description The first words of each case's description (at most eight, at most 100 characters, `…` where it goes on), where the asker may read the case's personal data (as `GET /complaints/{id}` would show it); `null` where not. Each subject shown is recorded in the access log.
         */
        get: operations["ComplaintsController_subjects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/handlers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A department's handlers
         * @description The handler ids (token subjects) the running cases (assigned, investigated, decided) of the department are assigned to, with how many each holds, by id: the names a department head or the complaints office chooses from when assigning. There is no staff directory: a handler who holds none of its running cases is not listed.
         */
        get: operations["ComplaintsController_handlers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One case as it stands now */
        get: operations["ComplaintsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case's events */
        get: operations["ComplaintsController_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/improvement-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Improvement requests, filtered (by complaint, department, state, overdue) */
        get: operations["ImprovementRequestsController_list"];
        put?: never;
        /** File an improvement request to a department (complaints office) */
        post: operations["improvement-file"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/improvement-requests/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Improvement requests per quarter filed and where each stands now */
        get: operations["ImprovementRequestsController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/improvement-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One improvement request as it stands now */
        get: operations["ImprovementRequestsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/improvement-requests/{id}/at": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An improvement request as it was at a revision or an instant (time travel) */
        get: operations["ImprovementRequestsController_at"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/improvement-requests/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An improvement request's events */
        get: operations["ImprovementRequestsController_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The quarterly operating-performance evaluations, drafts and signed */
        get: operations["EvaluationsController_list"];
        put?: never;
        /** Draft the evaluation of a quarter, its evidence gathered from the read models (complaints office) */
        post: operations["evaluation-draft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{quarter}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One quarter's evaluation: evidence, judgements, actions and their follow-up
         * @description `evidence.causes.closed`: the distinct complaints closed as resolved in the quarter (a reopened case by its latest closing), compliments apart, not the quarterly report’s `figures.closed` (closings of handling periods, which `evidence.quarterly` carries as answered). `evidence.satisfaction.responses`: the surveys recorded in the quarter (the quarterly report’s `satisfactionResponses`); `evidence.policy.conformity.satisfactionSurveyed`: the cases closed in the quarter that were surveyed.
         */
        get: operations["EvaluationsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{quarter}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A quarter's evaluation as its events */
        get: operations["EvaluationsController_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{quarter}/report.html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A quarter's evaluation as a printable report (A4, Korean and English) */
        get: operations["EvaluationsController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ad-hoc inspections recorded */
        get: operations["InspectionsController_list"];
        put?: never;
        /** Record an ad-hoc inspection (수시 평가): findings on the items 가–라 for a period, optionally a random sample of its cases picked with a seed (complaints office, manager) */
        post: operations["inspection-record"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One ad-hoc inspection with its findings and sampled cases */
        get: operations["InspectionsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/form": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The categories and the consents' exact wording the filing form shows */
        get: operations["PortalController_form"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/complaints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** File a complaint, with an e-mail address or a phone number or both (400 naming both without either): answered with its reference and the secret follow-up link (e-mailed when consented) */
        post: operations["PortalController_file"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a one-time code to the e-mail address on record of the case with this reference (the same answer either way); at most three codes per case an hour, each with five tries */
        post: operations["PortalController_requestCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a reference and its one-time code for a follow-up link (404 alike for an unknown reference and a wrong code) */
        post: operations["PortalController_access"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/cases/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case its follow-up link names, in the complainant's terms; 404 alike for unknown, expired and revoked links */
        get: operations["PortalController_follow"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/cases/{token}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer an information request addressed to the complainant */
        post: operations["PortalController_answer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/cases/{token}/survey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer the satisfaction survey once the case is closed */
        post: operations["PortalController_survey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/cases/{token}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw the complaint while the case allows it */
        post: operations["PortalController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/cases/{token}/amend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the description before a decision */
        post: operations["PortalController_amend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/follow-up-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the complainant a new follow-up link, to the phone or e-mail on record, on a channel they consented to; the case's earlier links stop working. By those who handle the case (the complaints office, intake before it is assigned, the department handling it); the answer never holds the link */
        post: operations["NewFollowUpLinkController_send"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each read model's position and how many events it has yet to apply */
        get: operations["ProjectionsController_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each case's SLA position: due, used, paused, status */
        get: operations["SlaController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/quarterly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A quarter's performance figures beside the previous quarter's
         * @description Each figure is `{value, previous}`. `period` and `previousPeriod` give each quarter’s bounds (`start`, and `end`, the next quarter’s first instant) and whether, at `asOf` (when the answer was made), it is `not-started` (no figures yet; `openAtQuarterEnd` and `repeatOffendersFlagged` null, its end being still to come), `in-progress` (its figures so far; `openAtQuarterEnd` counts the cases open now) or `complete`. `figures.closed` counts handling periods closed in the quarter, not cases: a case closed, reopened and closed again counts once per closing (the yearly satisfaction’s `coverage.closed` and an evaluation’s `evidence.causes.closed` count distinct cases). `figures.satisfactionResponses` counts the satisfaction surveys recorded in the quarter, whichever quarter their case was closed in (`GET /audit/conformity`’s `satisfactionSurveyed` counts the cases closed in the quarter that were ever surveyed).
         */
        get: operations["QuarterlyController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/repeat-offenders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A year's repeat offenders, repeat complainants and frequent categories
         * @description Each case is `{complaintId, reference, department, receivedAt, category}`: its id, its human reference (`2026-000123`; null where the store gave none) and the department handling it (null while none does). The measures of a flagged subject (`measures`: the judgement and the CS training referrals) are an employee’s personal data: `"[redacted]"` but for the complaints office and an auditor’s break-glass read.
         */
        get: operations["RepeatOffendersController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit/complaints/{id}/trail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case's audit trail: every event with the ISO 10002 clause it evidences */
        get: operations["AuditController_trail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit/conformity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The share of a quarter's closed cases conforming to each ISO 10002 clause
         * @description `population` names what is counted: the distinct cases closed in the quarter (a reopened case by its latest closing), withdrawn and excluded ones included, compliments apart. (The quarter’s evidence export counts the cases received in the quarter instead, open ones included.) `cases`: how many. `conforming`: cases judged whole without a gap (every clause evidenced or not applicable); `open`: cases without a gap whose checklist still has a "not yet" (a closed case has none); `withGaps`: cases with at least one gap; each with its share of `cases`. `satisfactionSurveyed`: of these cases, those whose complainant answered the satisfaction survey, whenever it was recorded (not the quarterly report’s `satisfactionResponses`, the surveys recorded in the quarter).
         */
        get: operations["AuditController_conformity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/compensation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Compensation granted and handed over in a quarter */
        get: operations["CompensationController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/repeat-offenders/judgements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Judge a flagged repeat offender fit or unfit */
        post: operations["RepeatOffenceJudgementsController_judge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/yearly/{year}/satisfaction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A year's complainant satisfaction (QPSI): coverage, elements, index per department and category
         * @description `coverage.closed`: the distinct complaints closed in the year, each once however often it was closed again after a reopening (the quarterly report’s `figures.closed` counts closings), closed as complainant unreachable apart; `coverage.surveyed`: of those, the ones surveyed after a closing of the year.
         */
        get: operations["YearlyReportsController_satisfaction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/yearly/{year}/staff-satisfaction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A year's handling staff satisfaction, from anonymous answers */
        get: operations["YearlyReportsController_staffSatisfaction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/yearly/{year}/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A year's department evaluation: score, grade and increase per department */
        get: operations["YearlyReportsController_departments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/yearly/{year}/reduction-plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A year's complaint-reduction plan: frequent complaint types and the measures for them */
        get: operations["YearlyReportsController_reductionPlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/yearly/{year}/report.html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A year's reports as one printable page (A4, Korean and English) */
        get: operations["YearlyReportsController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff-surveys/{year}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer the year's staff satisfaction survey, anonymously */
        post: operations["StaffSurveyController_answer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nominations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A year's nominations for a reward and their decisions */
        get: operations["NominationsController_list"];
        put?: never;
        /** Nominate an exemplary case of prevention or handling for a reward */
        post: operations["NominationsController_nominate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nominations/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide a nomination for a reward */
        post: operations["NominationsController_decide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/at": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case as it was at a revision or an instant (time travel) */
        get: operations["CaseHistoryController_at"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case replayed event by event, with its state before and after each */
        get: operations["CaseHistoryController_replay"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Verify every event's hash chain and the seals of the global order, and on request the read models against the events */
        get: operations["AuditToolsController_verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit/access-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who read, replayed or exported whose personal data, newest first */
        get: operations["AuditToolsController_accessLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Evidence export of a case, an improvement request or a quarter (JSON, CSV, HTML or zip) */
        get: operations["EvidenceController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The imports this service ran since it started, newest first */
        get: operations["ImportsController_list"];
        put?: never;
        /**
         * Import historical cases from a CSV file with a mapping, as a job
         * @description The form (multipart/form-data) of `npm run import`: `file` the CSV export, `mapping` the mapping JSON (mappings/README.md), `check=true` a dry run that stores nothing, `proposeCatalog=true` (with check) catalog entries for the unknown values. Codes are checked against the service's catalog (CATALOG_FILE). One job runs at a time; a job submitted meanwhile waits (`queued`). Answered 202 with the job; follow it at `GET /imports/{id}`.
         */
        post: operations["ImportsController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import's state, progress (rows read, imported, rejected, rows/s, ETA) and, when done, its summary */
        get: operations["ImportsController_find"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/{id}/rejects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An ended import's reject file: row, line, reason, detail, then the original cells (personal data: the complaints office only) */
        get: operations["ImportsController_rejects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The working calendar's time zone (IANA name), in which quarters, years and deadlines are counted and clients show times */
        get: operations["CatalogController_calendarZone"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The catalog: categories, departments, channels and the other lists a command needs */
        get: operations["CatalogController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the service and its event store answer */
        get: operations["HealthController_health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: store reachable, migrations done, read models caught up, outbox moving */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics of this process (text exposition format) */
        get: operations["MetricsController_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge receipt (only with consent; otherwise the reason is recorded) */
        post: operations["complaint-acknowledge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/assess": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Initial assessment: severity and safety, or not a complaint with an exclusion reason
         * @description The complainant reads `exclusion` on the complaint portal: see each field.
         */
        post: operations["complaint-assess"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign the handling department (the category's default when none is named) */
        post: operations["complaint-assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the case to another department or handler (a department head: another handler within the department) */
        post: operations["complaint-reassign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/request-information": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask another department (or the complainant) for materials, due on the date asked or the next working day
         * @description The complainant reads `request`, `dueAt` on the complaint portal: see each field.
         */
        post: operations["complaint-request-information"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/receive-information": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the materials another department sent */
        post: operations["complaint-receive-information"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/pause-clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop the SLA clock for a period the rules do not count */
        post: operations["complaint-pause-clock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/resume-clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restart the SLA clock */
        post: operations["complaint-resume-clock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/send-interim-notice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tell the complainant the progress and why it takes longer
         * @description The complainant reads `progress`, `delayReason`, `expectedBy` on the complaint portal: see each field.
         */
        post: operations["complaint-send-interim-notice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/amend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The complainant changes the content (before a decision) or their consent to notices (until the result is told)
         * @description The complainant reads `description` on the complaint portal: see each field.
         */
        post: operations["complaint-amend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/request-supplement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask the complainant to supplement or correct the complaint; the clock pauses until they answer (amend)
         * @description The complainant reads `request` on the complaint portal: see each field.
         */
        post: operations["complaint-request-supplement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/record-findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the facts, root cause and each implicated subject */
        post: operations["complaint-record-findings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/record-contribution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A cooperating department records its own findings (joint handling), before the lead department decides */
        post: operations["complaint-record-contribution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/decide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide acceptance on the facts and the law
         * @description The complainant reads `outcome`, `remedy`, `compensation.amount`, `compensation.currency`, `compensation.form`, `compensation.description` on the complaint portal: see each field.
         */
        post: operations["complaint-decide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/communicate-decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tell the complainant the result, its basis and how to appeal
         * @description The complainant reads `basis`, `appeal` on the complaint portal: see each field.
         */
        post: operations["complaint-communicate-decision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close the case after the decision was communicated, or as complainant-unreachable (unidentified, or a supplement request that did not reach them; note says why for one handed over) after the handling deadline
         * @description The complainant reads `reason` on the complaint portal: see each field.
         */
        post: operations["complaint-close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The complainant withdraws the complaint */
        post: operations["complaint-withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a case in progress or done back for re-investigation (or a decided one for appeal) */
        post: operations["complaint-reopen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/record-satisfaction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the satisfaction survey (1–5 per element) */
        post: operations["complaint-record-satisfaction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/mark-confidential": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark the case confidential: of the handling department only the assignee and the head see the complaint's details */
        post: operations["complaint-mark-confidential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/provide-compensation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the hand-over of the compensation the decision granted: what, when, by whom
         * @description The complainant reads `form`, `description`, `amount`, `currency`, `providedAt` on the complaint portal: see each field.
         */
        post: operations["complaint-provide-compensation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/refer-to-training": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refer an employee who caused the complaint (substantiated in the findings) to CS training */
        post: operations["complaint-refer-to-training"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complaints/{id}/record-training-completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that the employee referred to CS training completed it */
        post: operations["complaint-record-training-completed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/improvement-requests/{id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The department plans the change (its head) */
        post: operations["improvement-plan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/improvement-requests/{id}/implement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The department has made the change (its head) */
        post: operations["improvement-implement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/improvement-requests/{id}/report-result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The department reports the result (its head) */
        post: operations["improvement-report-result"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/improvement-requests/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The complaints office verifies the result */
        post: operations["improvement-verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/improvement-requests/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The department declines, with a written reason (its head) */
        post: operations["improvement-decline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/improvement-requests/{id}/request-extension": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The department needs longer: a written reason and a new date (its head) */
        post: operations["improvement-request-extension"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/improvement-requests/{id}/record-committee-decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The CS operating committee's decision on a declined or overdue request, and who decided (complaints office) */
        post: operations["improvement-record-committee-decision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{quarter}/refresh-evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Gather the evidence of a draft again (complaints office) */
        post: operations["evaluation-refresh-evidence"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{quarter}/record-judgement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Judge one of the twelve indicators 가–타 (complaints office) */
        post: operations["evaluation-record-judgement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{quarter}/add-action": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a decision or action: process improvement, service proposal or resource need (complaints office) */
        post: operations["evaluation-add-action"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{quarter}/update-action": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Follow up an action: a note, a new owner or due date (complaints office, manager; also after signing) */
        post: operations["evaluation-update-action"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{quarter}/complete-action": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete an action (complaints office, manager; also after signing) */
        post: operations["evaluation-complete-action"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{quarter}/sign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign the evaluation once every indicator is judged: it is sealed (manager) */
        post: operations["evaluation-sign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{quarter}/add-addendum": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an addendum to a signed evaluation (complaints office, manager) */
        post: operations["evaluation-add-addendum"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ComplainantBody: {
            name?: string;
            phone?: string;
            /** Format: email */
            email?: string;
            address?: string;
            /** @enum {string} */
            language?: "ko" | "en";
        };
        ConsentBody: {
            sms: boolean;
            email: boolean;
            phone?: boolean;
        };
        ConsentChangeBody: {
            sms?: boolean;
            email?: boolean;
            phone?: boolean;
        };
        RouteBody: {
            /** @enum {string} */
            kind: "internal" | "external";
            body?: string;
            reference?: string;
            department?: string;
        };
        SubjectBody: {
            id: string;
            /** @enum {string} */
            kind: "employee" | "unit" | "supplier";
        };
        SubjectFindingBody: {
            substantiated: boolean;
            reason?: string;
            id: string;
            /** @enum {string} */
            kind: "employee" | "unit" | "supplier";
        };
        ReceiveBody: {
            /** @enum {string} */
            channel: "visit" | "mail" | "fax" | "web" | "call-centre";
            route: components["schemas"]["RouteBody"];
            category: string;
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`), as the complaint as recorded (`descriptionBy` `staff`), and may change it there before a decision. */
            description: string;
            complainant: components["schemas"]["ComplainantBody"];
            consent: components["schemas"]["ConsentBody"];
            remedySought?: string;
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`), with the complaint. */
            attachments?: string[];
            subjects?: components["schemas"]["SubjectBody"][];
            vulnerable?: boolean;
            /** Format: date-time */
            receivedAt?: string;
            confidential?: boolean;
        };
        AcknowledgeBody: {
            /** @enum {string} */
            channel?: "sms" | "email" | "post" | "phone" | "in-person" | "homepage";
        };
        AssessBody: {
            /** @enum {string} */
            severity?: "low" | "medium" | "high" | "critical";
            safetyIssue?: boolean;
            /** @enum {string} */
            priority?: "urgent" | "normal";
            /**
             * @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`): the ground on which the case was excluded (`exclusion`).
             * @enum {string}
             */
            exclusion?: "private-law" | "court-or-investigation" | "unidentified" | "fraudulent";
            /** @description Never shown on the complaint portal. */
            note?: string;
        };
        AssignBody: {
            department?: string;
            handler?: string;
            cooperatingDepartments?: string[];
        };
        ReassignBody: {
            department: string;
            handler?: string;
            reason?: string;
            cooperatingDepartments?: string[];
        };
        RequestInformationBody: {
            department?: string;
            /** @enum {string} */
            addressee?: "complainant";
            /** @description With `addressee` `complainant`: The complainant sees this on the complaint portal (`GET /portal/cases/{token}`), and answers it there. */
            request: string;
            /**
             * Format: date-time
             * @description With `addressee` `complainant`: The complainant sees this on the complaint portal (`GET /portal/cases/{token}`).
             */
            dueAt?: string;
        };
        RecordContributionBody: {
            department: string;
            summary: string;
            rootCause?: string;
        };
        ReceiveInformationBody: {
            requestId: string;
            /** @description Never shown on the complaint portal when recorded by staff: for a request addressed to the complainant, the portal shows only that and when it was answered (`answeredBy` `staff`). An answer the complainant gives on the portal is shown to them as theirs. */
            summary: string;
        };
        PauseClockBody: {
            /** @enum {string} */
            reason: "complainant-delay" | "document-supplement" | "inspection" | "outside-inquiry";
            note?: string;
        };
        ResumeClockBody: {
            note?: string;
        };
        SendInterimNoticeBody: {
            /** @enum {string} */
            channel: "sms" | "email" | "post" | "phone" | "in-person" | "homepage";
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`). */
            progress: string;
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`). */
            delayReason: string;
            /**
             * Format: date-time
             * @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`), beside the case's due date, until the case is decided.
             */
            expectedBy?: string;
            note?: string;
        };
        AmendBody: {
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`) in place of what they wrote, as the complaint as recorded (`descriptionBy` `staff`), and may change it there before a decision. */
            description?: string;
            remedySought?: string;
            consent?: components["schemas"]["ConsentChangeBody"];
            reason: string;
        };
        RequestSupplementBody: {
            /** @enum {string} */
            channel: "sms" | "email" | "post" | "phone" | "in-person" | "homepage";
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`) until they answer it by changing the complaint. */
            request: string;
            /** @description Never shown on the complaint portal. */
            note?: string;
        };
        RecordFindingsBody: {
            summary: string;
            rootCause?: string;
            subjects: components["schemas"]["SubjectFindingBody"][];
        };
        CompensationExceptionBody: {
            reason: string;
        };
        CompensationBody: {
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`) once the decision is communicated. */
            amount: number;
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`) once the decision is communicated. */
            currency: string;
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`) once the decision is communicated. */
            description?: string;
            trigger?: string;
            /**
             * @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`) once the decision is communicated.
             * @enum {string}
             */
            form?: "goods" | "money";
            exception?: components["schemas"]["CompensationExceptionBody"];
        };
        ProvideCompensationBody: {
            /**
             * @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`), as handed over.
             * @enum {string}
             */
            form: "goods" | "money";
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`), as handed over. */
            description: string;
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`), as handed over. */
            amount: number;
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`), as handed over. */
            currency: string;
            /** @description Never shown on the complaint portal. */
            providedBy: string;
            /**
             * Format: date-time
             * @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`), as handed over.
             */
            providedAt?: string;
        };
        DecideBody: {
            /**
             * @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`) once the decision is communicated.
             * @enum {string}
             */
            outcome: "upheld" | "partly-upheld" | "not-upheld";
            /** @description Never shown on the complaint portal: the complainant reads the basis given with `communicate-decision`. */
            basis: string;
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`) once the decision is communicated. */
            remedy?: string;
            compensation?: components["schemas"]["CompensationBody"];
        };
        CommunicateDecisionBody: {
            /** @enum {string} */
            channel: "sms" | "email" | "post" | "phone" | "in-person" | "homepage";
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`). */
            basis: string;
            /** @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`). */
            appeal: string;
        };
        CloseBody: {
            /**
             * @description The complainant sees this on the complaint portal (`GET /portal/cases/{token}`): `complainant-unreachable` as closed because they could not be reached (`stage` `closed-unreachable`).
             * @enum {string}
             */
            reason?: "resolved" | "complainant-unreachable";
            /** @description Never shown on the complaint portal. */
            note?: string;
        };
        ReasonBody: {
            reason: string;
        };
        ReopenBody: {
            /** @enum {string} */
            kind?: "re-investigation" | "appeal";
            reason: string;
        };
        RecordSatisfactionBody: {
            /** @description Complainant satisfaction survey (QPSI) elements: each a whole number from 1 to 5; "overall" required, the others may be left out. The catalog's list (GET /catalog). */
            scores: {
                /** @description 불만접수 용이성 (Ease of filing) */
                easeOfFiling?: number;
                /** @description 중간경과 안내 (Interim progress notice) */
                interimNotice?: number;
                /** @description 업무처리 적극성 (Proactive handling) */
                proactiveness?: number;
                /** @description 고객응대 친절성 (Courtesy) */
                courtesy?: number;
                /** @description 불만처리 기일 (Processing time) */
                processingTime?: number;
                /** @description 처리결과 설명의 충분성 (Explanation of the result) */
                explanation?: number;
                /** @description 전반적 만족도 (Overall satisfaction) */
                overall: number;
            };
            comment?: string;
        };
        ReferToTrainingBody: {
            subjectId: string;
            programme: string;
            note?: string;
        };
        RecordTrainingCompletedBody: {
            subjectId: string;
            /** Format: date-time */
            completedAt?: string;
            note?: string;
        };
        EvaluationDraftBody: {
            quarter?: string;
        };
        EvaluationRefreshEvidenceBody: {
            note?: string;
        };
        EvaluationJudgementBody: {
            /** @enum {string} */
            indicator: "가" | "나" | "다" | "라" | "마" | "바" | "사" | "아" | "자" | "차" | "카" | "타";
            /** @enum {string} */
            rating: "met" | "partly-met" | "not-met";
            notes: string;
            attachments?: string[];
        };
        EvaluationAddActionBody: {
            /** @enum {string} */
            kind: "process-improvement" | "service-proposal" | "resource-need";
            text: string;
            owner: string;
            /** Format: date */
            dueOn: string;
        };
        EvaluationUpdateActionBody: {
            actionId: string;
            note: string;
            owner?: string;
            /** Format: date */
            dueOn?: string;
        };
        EvaluationCompleteActionBody: {
            actionId: string;
            note: string;
        };
        EvaluationSignBody: {
            note?: string;
        };
        EvaluationAddendumBody: {
            text: string;
            attachments?: string[];
        };
        InspectionFindingBody: {
            /** @enum {string} */
            item: "가" | "나" | "다" | "라";
            /** @enum {string} */
            rating: "met" | "partly-met" | "not-met";
            finding: string;
        };
        InspectionSampleBody: {
            size: number;
            seed?: number;
        };
        InspectionBody: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to?: string;
            findings: components["schemas"]["InspectionFindingBody"][];
            sample?: components["schemas"]["InspectionSampleBody"];
        };
        ImprovementFlaggedSubjectBody: {
            id: string;
            /** @enum {string} */
            kind: "employee" | "unit" | "supplier";
            reason?: string;
        };
        ImprovementFileBody: {
            department: string;
            complaints?: string[];
            category?: string;
            subject?: components["schemas"]["ImprovementFlaggedSubjectBody"];
            change: string;
            reason: string;
        };
        ImprovementPlanBody: {
            plan: string;
            /** Format: date */
            expectedOn?: string;
        };
        ImprovementImplementBody: {
            summary: string;
        };
        ImprovementReportResultBody: {
            result: string;
        };
        ImprovementVerifyBody: {
            note?: string;
        };
        ImprovementDeclineBody: {
            reason: string;
        };
        ImprovementRequestExtensionBody: {
            reason: string;
            /** Format: date */
            dueOn: string;
        };
        ImprovementCommitteeDecisionBody: {
            /** @enum {string} */
            decision: "uphold" | "accept-decline" | "change";
            decidedBy: string;
            /** Format: date */
            dueOn?: string;
            change?: string;
            note?: string;
        };
        ErasureBody: {
            reason: string;
            /** @description Keys linked to this one (`linkedKeys` of `GET /complainants/{key}`) that the office confirmed are the same person: erased too. A link is only a shared phone or e-mail, never verified: a key not listed is left alone. Each must be one of those linked keys, listed once. */
            linkedKeys?: string[];
        };
        RetentionBody: {
            years: number;
            note?: string;
        };
        PortalConsentBody: {
            /** @enum {boolean} */
            personalData: true;
            email: boolean;
            sms: boolean;
        };
        PortalComplaintBody: {
            category: string;
            description: string;
            name: string;
            /** Format: email */
            email?: string;
            phone?: string;
            attachments?: string[];
            consent: components["schemas"]["PortalConsentBody"];
            /** @enum {string} */
            language: "ko" | "en";
        };
        PortalAnswerBody: {
            requestId: string;
            answer: string;
        };
        PortalReasonBody: {
            reason: string;
        };
        PortalAmendBody: {
            description: string;
            reason: string;
        };
        NewFollowUpLinkBody: {
            complaint: string;
            /** @enum {string} */
            channel: "sms" | "email";
        };
        PortalCodeRequestBody: {
            reference: string;
            /** Format: email */
            email: string;
        };
        PortalCodeBody: {
            reference: string;
            code: string;
        };
        JudgeRepeatOffenderBody: {
            subject: components["schemas"]["SubjectBody"];
            reason: string;
            year: number;
            /** @enum {string} */
            verdict: "fit" | "unfit";
            explanation: string;
            personnelMeasure?: string;
        };
        NomineeBody: {
            /** @enum {string} */
            kind: "employee" | "unit";
            id: string;
        };
        NominateBody: {
            year: number;
            /** @enum {string} */
            kind: "prevention" | "handling";
            department: string;
            nominee: components["schemas"]["NomineeBody"];
            complaints?: string[];
            reason: string;
        };
        DecideNominationBody: {
            /** @enum {string} */
            decision: "awarded" | "not-awarded";
            reward?: string;
            note: string;
        };
        StaffSurveyAnswerBody: {
            /** @description Handling staff job-satisfaction questions: each a whole number from 1 to 5; "overall" required, the others may be left out. The catalog's list (GET /catalog). */
            scores: {
                /** @description 업무량의 적정성 (Workload is manageable) */
                workload?: number;
                /** @description 상사·조직의 지원 (Support from managers and the organisation) */
                support?: number;
                /** @description 처리 권한과 재량 (Authority to resolve complaints) */
                authority?: number;
                /** @description 교육·훈련 기회 (Training opportunities) */
                training?: number;
                /** @description 성과 인정과 보상 (Recognition of good work) */
                recognition?: number;
                /** @description 고객과의 관계의 질 (Quality of the relation with customers) */
                customerRelation?: number;
                /** @description 전반적 직무 만족도 (Overall job satisfaction) */
                overall: number;
            };
        };
        ErrorAnswer: {
            /** @example 400 */
            statusCode: number;
            /** @example Bad Request */
            error: string;
            message: string;
            /** @description On a 400: each field or parameter refused, with its rule */
            errors?: {
                /** @example severity */
                field: string;
                /** @example must be one of: low, medium, high, critical */
                rule: string;
            }[];
            /** @description On a 429: when to try again (also the `Retry-After` header) */
            retryAfterSeconds?: number;
            /**
             * @description On a 429 of the portal: the limit reached (requests from the client's address, on the case's link, or complaints filed from the address)
             * @enum {string}
             */
            limit?: "address" | "link" | "filing";
        };
        CommandRefused: components["schemas"]["ErrorAnswer"] & {
            /** @description The state the case or request is in */
            state?: string;
            /** @description The commands its state allows now */
            allowedCommands?: string[];
            /** @description Why, when it is not the state alone */
            reason?: string;
        };
    };
    responses: {
        /** @description A parameter or field breaks a rule: `errors` names each one and its rule */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorAnswer"];
            };
        };
        /** @description No valid bearer token */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorAnswer"];
            };
        };
        /** @description The role or department may not do this */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorAnswer"];
            };
        };
        /** @description No such case, request or other thing the path names (or an unknown command) */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorAnswer"];
            };
        };
        /** @description The state does not allow it now: `state` and `allowedCommands` say what it does allow (or it was done already) */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["CommandRefused"];
            };
        };
        /** @description If-Match names another revision than the current one */
        PreconditionFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorAnswer"];
            };
        };
        /** @description The body is larger than 100 KB */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorAnswer"];
            };
        };
        /** @description The body is not `application/json` in UTF-8, or is compressed in a Content-Encoding the service does not decode (it decodes gzip, deflate and br) */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorAnswer"];
            };
        };
        /** @description The Idempotency-Key was already used by this user for a different request */
        UnprocessableContent: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorAnswer"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    PersonalDataController_complainant: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models and always waits, header or not, until every read model has applied all events stored before this request, at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` says `current`, or `behind` when the wait ran out. Any value but `true` is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The key asked for */
                        complainantKey: string;
                        /** @description Other keys sharing a phone or e-mail with this one: an inference from unverified contacts, to confirm with the person before listing them in an erasure */
                        linkedKeys: string[];
                        /** @description The cases of the key and of the linked keys, as far as the read models have read */
                        cases: {
                            complaintId: string;
                            /** @description The key the case belongs to: the one asked for or a linked one */
                            complainantKey: string;
                            state: string;
                            /** Format: date-time */
                            closedAt: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    PersonalDataController_erase: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models and always waits, header or not, until every read model has applied all events stored before this request, at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` says `current`, or `behind` when the wait ran out. Any value but `true` is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ErasureBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    PersonalDataController_retention: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RetentionBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    ComplaintsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: unknown;
                /** @description 1 to 100 (default 20) */
                limit?: unknown;
                /** @description The handler id (token subject) */
                assignee?: unknown;
                /** @description A category code of the catalog */
                category?: unknown;
                /** @description newest (default): urgent cases first, then newest first; urgency: urgent cases first, then breached, at risk, on track, met, then due first, then oldest */
                order?: "newest" | "urgency";
                /** @description The SLA status now of the case's latest handling period (as GET /reports/sla reports it) */
                sla?: "breached" | "at-risk" | "on-track" | "met" | "not-applicable";
                /** @description A department code: the cases it leads or cooperates on */
                involving?: unknown;
                /** @description A department code of the catalog */
                department?: unknown;
                /** @description A lifecycle state, or open: received, assigned, investigated and decided together */
                state?: "new" | "received" | "assigned" | "investigated" | "decided" | "closed" | "open";
            };
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    "complaint-receive": {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReceiveBody"];
            };
        };
        responses: {
            /** @description Received; Location and ETag headers */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    ComplaintsController_subjects: {
        parameters: {
            query: {
                /** @description 1 to 100 case ids or references (2026-000123), comma-separated */
                ids: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One subject per case asked, in the order asked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subjects: {
                            /** @description The case's id */
                            id: string;
                            subject: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description A case asked for does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    ComplaintsController_handlers: {
        parameters: {
            query: {
                /** @description A department code of the catalog */
                department: unknown;
            };
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            handler: string;
                            openCases: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    ComplaintsController_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Auditors: a break-glass read. The reason (5 to 500 characters, percent-encoded UTF-8) for reading this case's personal data; the answer then carries it and the access log records who, when, which case and this reason. Without it the personal data is redacted. */
                "X-Access-Reason"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    ComplaintsController_events: {
        parameters: {
            query?: never;
            header?: {
                /** @description Auditors: a break-glass read. The reason (5 to 500 characters, percent-encoded UTF-8) for reading this case's personal data; the answer then carries it and the access log records who, when, which case and this reason. Without it the personal data is redacted. */
                "X-Access-Reason"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    ImprovementRequestsController_list: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    "improvement-file": {
        parameters: {
            query?: never;
            header?: {
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImprovementFileBody"];
            };
        };
        responses: {
            /** @description Filed; Location and ETag headers */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    ImprovementRequestsController_report: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    ImprovementRequestsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    ImprovementRequestsController_at: {
        parameters: {
            query?: {
                /** @description A revision of the request, from 0 */
                revision?: unknown;
                /** @description ISO-8601 date-time with an offset; business time (the events' occurredAt) */
                time?: unknown;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    ImprovementRequestsController_events: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    EvaluationsController_list: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    "evaluation-draft": {
        parameters: {
            query?: never;
            header?: {
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationDraftBody"];
            };
        };
        responses: {
            /** @description Drafted; Location and ETag headers */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    EvaluationsController_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path: {
                quarter: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    EvaluationsController_events: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                quarter: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    EvaluationsController_report: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path: {
                quarter: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    InspectionsController_list: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    "inspection-record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InspectionBody"];
            };
        };
        responses: {
            /** @description Recorded; Location header. The sampled cases with their ISO 10002 checklists */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    InspectionsController_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    PortalController_form: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests from this address or on this link, or complaints filed from this address (`limit`), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    PortalController_file: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: the key is bound to the filing sent with it (a SHA-256 of the canonical JSON body). The same body again with the key files nothing: 201 with the first answer, the same reference, expiry and `emailed`, and a new follow-up link to the same case (the first link works too: only its hash is kept, so it cannot be given again); nothing is mailed again, and it does not count as a filing of the address. Another body with the key gets 422 saying the key was used for a different request. A refused filing binds nothing. Once the complainant's data was erased, or staff sent the complainant a new link (which replaces the earlier ones), the key gets 409 and no link. Keys are the portal's, not a person's: send a new random key (a UUID) with each new complaint. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PortalComplaintBody"];
            };
        };
        responses: {
            /** @description Filed: the reference and the follow-up link. `emailed`: whether the link was also e-mailed; not without consent to e-mail or a mail server, when the mail failed, or when the address was sent its follow-up links of the hour (at most 3 an hour to one address, whoever files): the complaint is received all the same. `texted`: whether, not e-mailed, it was texted to the phone number given, with consent to SMS and an SMS gateway (at most 3 an hour to one number) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            /** @description Sent again with its Idempotency-Key after the complainant's data was erased, or after staff sent the complainant a new link: no link */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandRefused"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description The Idempotency-Key was sent before with another filing */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description Too many requests from this address or on this link, or complaints filed from this address (`limit`), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    PortalController_requestCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PortalCodeRequestBody"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Too many requests from this address or on this link, or complaints filed from this address (`limit`), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    PortalController_access: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PortalCodeBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Too many requests from this address or on this link, or complaints filed from this address (`limit`), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    PortalController_follow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            /** @description Too many requests from this address or on this link, or complaints filed from this address (`limit`), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    PortalController_answer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PortalAnswerBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Too many requests from this address or on this link, or complaints filed from this address (`limit`), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    PortalController_survey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordSatisfactionBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Too many requests from this address or on this link, or complaints filed from this address (`limit`), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    PortalController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PortalReasonBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Too many requests from this address or on this link, or complaints filed from this address (`limit`), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    PortalController_amend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PortalAmendBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Too many requests from this address or on this link, or complaints filed from this address (`limit`), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    NewFollowUpLinkController_send: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewFollowUpLinkBody"];
            };
        };
        responses: {
            /** @description Sent: the channel and until when the link works */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description No sender for the channel is configured (SMTP_URL, SMS_GATEWAY_URL), or it refused the message: the earlier links still work */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ProjectionsController_status: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    SlaController_report: {
        parameters: {
            query?: {
                /** @description The nextCursor of the previous page */
                cursor?: unknown;
                /** @description 1 to 1000, default 100 */
                limit?: unknown;
                /** @description Only open (or only ended) cases */
                open?: "true" | "false";
                /** @description A category code of the catalog */
                category?: unknown;
                /** @description A department code of the catalog, or `unassigned`: the cases no department handled (never assigned) */
                department?: unknown;
                /** @description met: the clock stopped within the deadline; not-applicable: no deadline to judge (a compliment, or a case withdrawn or excluded at initial assessment before its deadline ran out) */
                status?: "breached" | "at-risk" | "on-track" | "met" | "not-applicable";
                /** @description One case's periods, by its id or its reference, 2026-000123 (the case page's SLA position) */
                complaint?: unknown;
            };
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    QuarterlyController_report: {
        parameters: {
            query: {
                channel?: "visit" | "mail" | "fax" | "web" | "call-centre";
                /** @description A category code of the catalog */
                category?: unknown;
                /** @description A department code of the catalog, or `unassigned`: the cases no department handled (never assigned: excluded at assessment, withdrawn before routing, not routed yet), so that the departments add up to the whole */
                department?: unknown;
                /** @description A calendar quarter in the working calendar’s time zone */
                quarter: unknown;
            };
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    RepeatOffendersController_report: {
        parameters: {
            query: {
                /** @description A calendar year, by receipt */
                year: unknown;
            };
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
                /** @description Auditors: a break-glass read of the judgements of flagged subjects (an employee’s personal data), with the reason. */
                "X-Access-Reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    AuditController_trail: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    AuditController_conformity: {
        parameters: {
            query: {
                /** @description A calendar quarter in the working calendar’s time zone */
                quarter: unknown;
            };
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    CompensationController_report: {
        parameters: {
            query: {
                /** @description A calendar quarter in the working calendar’s time zone */
                quarter: unknown;
            };
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    RepeatOffenceJudgementsController_judge: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JudgeRepeatOffenderBody"];
            };
        };
        responses: {
            /** @description The judgement as recorded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description The subject was judged already for this reason and year */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandRefused"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    YearlyReportsController_satisfaction: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path: {
                year: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    YearlyReportsController_staffSatisfaction: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path: {
                year: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    YearlyReportsController_departments: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path: {
                year: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    YearlyReportsController_reductionPlan: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path: {
                year: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    YearlyReportsController_report: {
        parameters: {
            query?: never;
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path: {
                year: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    StaffSurveyController_answer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                year: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffSurveyAnswerBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    NominationsController_list: {
        parameters: {
            query: {
                year: string;
            };
            header?: {
                /** @description This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied all events stored before this request (your own writes included), waiting at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default); the answer's `X-Read-Models` then says `current`, or `behind` when the wait ran out. Any other value is a 400. */
                "X-Read-Your-Writes"?: "true";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Whether every read model had applied all events stored before the request (`current`) or the wait of at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default) ran out (`behind`: GET /projections says why); only when the request waited */
                    "X-Read-Models"?: "current" | "behind";
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    NominationsController_nominate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NominateBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    NominationsController_decide: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecideNominationBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    CaseHistoryController_at: {
        parameters: {
            query?: {
                /** @description A revision of the case, from 0 */
                revision?: unknown;
                /** @description ISO-8601 date-time with an offset; business time (the events' occurredAt) */
                time?: unknown;
            };
            header?: {
                /** @description Auditors: a break-glass read. The reason (5 to 500 characters, percent-encoded UTF-8) for reading this case's personal data; the answer then carries it and the access log records who, when, which case and this reason. Without it the personal data is redacted. */
                "X-Access-Reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    CaseHistoryController_replay: {
        parameters: {
            query?: never;
            header?: {
                /** @description Auditors: a break-glass read. The reason (5 to 500 characters, percent-encoded UTF-8) for reading this case's personal data; the answer then carries it and the access log records who, when, which case and this reason. Without it the personal data is redacted. */
                "X-Access-Reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    AuditToolsController_verify: {
        parameters: {
            query?: {
                /** @description true: also compare every read model with a rebuild from the events (as long as `npm run projections:rebuild`; one at a time per process). Default false: `readModels` is null */
                readModels?: "true" | "false";
                /** @description Findings (and read-model differences) listed, 1 to 1000 (default 100) */
                limit?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    AuditToolsController_accessLog: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: unknown;
                /** @description 1 to 200 (default 50) */
                limit?: unknown;
                /** @description ISO-8601 date-time with an offset, exclusive */
                to?: unknown;
                /** @description ISO-8601 date-time with an offset, inclusive */
                from?: unknown;
                action?: "personal-data-read" | "time-travel" | "replay" | "export" | "break-glass-read" | "import" | "erasure";
                /** @description The actor id (the token subject) */
                actor?: unknown;
                /** @description A complaint id or its reference, 2026-000123 (404 for one no case has, unless the log names it) */
                complaintId?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    EvidenceController_export: {
        parameters: {
            query?: {
                /** @description json (default), csv, html or zip (every file, as `npm run audit:export` writes them) */
                format?: "json" | "csv" | "html" | "zip";
                /** @description A quarter such as 2026-Q3: the cases received and the requests filed in it */
                quarter?: unknown;
                /** @description An improvement request id */
                request?: unknown;
                /** @description A complaint id or its reference, 2026-000123 (give one of complaint, request, quarter) */
                complaint?: unknown;
            };
            header?: {
                /** @description Auditors: a break-glass read. The reason (5 to 500 characters, percent-encoded UTF-8) for reading this case's personal data; the answer then carries it and the access log records who, when, which case and this reason. Without it the personal data is redacted. */
                "X-Access-Reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export; csv and zip as attachments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    ImportsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The jobs kept (the last 100), newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobs: {
                            id: string;
                            /** @enum {string} */
                            state: "queued" | "running" | "done" | "failed";
                            /** @description A dry run: nothing stored */
                            check: boolean;
                            file: {
                                name?: string;
                                bytes?: number;
                            };
                            /** @description The mapping file's name */
                            mapping: string;
                            submittedBy: {
                                id?: string;
                                name?: string | null;
                            };
                            /** Format: date-time */
                            submittedAt: string;
                            /** Format: date-time */
                            startedAt: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            progress: {
                                rowsRead?: number;
                                imported?: number;
                                alreadyPresent?: number;
                                rejected?: number;
                                bytesRead?: number;
                                totalBytes?: number;
                                rowsPerSecond?: number | null;
                                /** @description While running: the time left at the pace so far */
                                etaSeconds?: number | null;
                            };
                            /** @description When ended: the counts (a failed job's, up to where it stopped): rows, imported, alreadyPresent, rejected, rejectedBy (reason: rows), closed, open, closedWithDueDate, closedOnTime, unknown (values the mapping or catalog lacks) */
                            report: {
                                [key: string]: unknown;
                            } | null;
                            /** @description When ended: what `npm run import` prints */
                            summary: string | null;
                            /** @description Why a failed job stopped */
                            error: string | null;
                            /** @description With proposeCatalog: `catalog` with entries for the unknown values, and the `values` lines the mapping needs */
                            proposedCatalog: {
                                [key: string]: unknown;
                            } | null;
                            /** @description Once ended: the path of the reject file */
                            rejects: string | null;
                        }[];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    ImportsController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The CSV export, one row per case, with a header row
                     */
                    file: string;
                    /**
                     * Format: binary
                     * @description The mapping JSON (mappings/mapping.schema.json)
                     */
                    mapping: string;
                    /**
                     * @description A dry run: reports what would be imported and rejected; nothing stored
                     * @enum {string}
                     */
                    check?: "true" | "false";
                    /**
                     * @description With check: the job gives the catalog with entries for the unknown values
                     * @enum {string}
                     */
                    proposeCatalog?: "true" | "false";
                };
            };
        };
        responses: {
            /** @description The job, queued: `Location` is its address */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        state: "queued" | "running" | "done" | "failed";
                        /** @description A dry run: nothing stored */
                        check: boolean;
                        file: {
                            name?: string;
                            bytes?: number;
                        };
                        /** @description The mapping file's name */
                        mapping: string;
                        submittedBy: {
                            id?: string;
                            name?: string | null;
                        };
                        /** Format: date-time */
                        submittedAt: string;
                        /** Format: date-time */
                        startedAt: string | null;
                        /** Format: date-time */
                        finishedAt: string | null;
                        progress: {
                            rowsRead?: number;
                            imported?: number;
                            alreadyPresent?: number;
                            rejected?: number;
                            bytesRead?: number;
                            totalBytes?: number;
                            rowsPerSecond?: number | null;
                            /** @description While running: the time left at the pace so far */
                            etaSeconds?: number | null;
                        };
                        /** @description When ended: the counts (a failed job's, up to where it stopped): rows, imported, alreadyPresent, rejected, rejectedBy (reason: rows), closed, open, closedWithDueDate, closedOnTime, unknown (values the mapping or catalog lacks) */
                        report: {
                            [key: string]: unknown;
                        } | null;
                        /** @description When ended: what `npm run import` prints */
                        summary: string | null;
                        /** @description Why a failed job stopped */
                        error: string | null;
                        /** @description With proposeCatalog: `catalog` with entries for the unknown values, and the `values` lines the mapping needs */
                        proposedCatalog: {
                            [key: string]: unknown;
                        } | null;
                        /** @description Once ended: the path of the reject file */
                        rejects: string | null;
                    };
                };
            };
            /** @description A part is missing or unknown, or the mapping breaks a rule (`errors` names the file, the JSON path and the rule), or the file lacks a column the mapping reads */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description A file is larger than IMPORT_MAX_UPLOAD_MB (the mapping: 1 MB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
            /** @description The body is not `multipart/form-data` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    ImportsController_find: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job: `state` queued, running, done or failed; `progress`; when ended `report`, `summary` (as `npm run import` prints it) and `rejects` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        state: "queued" | "running" | "done" | "failed";
                        /** @description A dry run: nothing stored */
                        check: boolean;
                        file: {
                            name?: string;
                            bytes?: number;
                        };
                        /** @description The mapping file's name */
                        mapping: string;
                        submittedBy: {
                            id?: string;
                            name?: string | null;
                        };
                        /** Format: date-time */
                        submittedAt: string;
                        /** Format: date-time */
                        startedAt: string | null;
                        /** Format: date-time */
                        finishedAt: string | null;
                        progress: {
                            rowsRead?: number;
                            imported?: number;
                            alreadyPresent?: number;
                            rejected?: number;
                            bytesRead?: number;
                            totalBytes?: number;
                            rowsPerSecond?: number | null;
                            /** @description While running: the time left at the pace so far */
                            etaSeconds?: number | null;
                        };
                        /** @description When ended: the counts (a failed job's, up to where it stopped): rows, imported, alreadyPresent, rejected, rejectedBy (reason: rows), closed, open, closedWithDueDate, closedOnTime, unknown (values the mapping or catalog lacks) */
                        report: {
                            [key: string]: unknown;
                        } | null;
                        /** @description When ended: what `npm run import` prints */
                        summary: string | null;
                        /** @description Why a failed job stopped */
                        error: string | null;
                        /** @description With proposeCatalog: `catalog` with entries for the unknown values, and the `values` lines the mapping needs */
                        proposedCatalog: {
                            [key: string]: unknown;
                        } | null;
                        /** @description Once ended: the path of the reject file */
                        rejects: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    ImportsController_rejects: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reject file (CSV), as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The job has not ended yet (or stopped before reading the file): `state` says where it is */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandRefused"];
                };
            };
        };
    };
    CatalogController_calendarZone: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Asia/Seoul */
                        timeZone: string;
                    };
                };
            };
            /** @description A query parameter was given: the route takes none */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorAnswer"];
                };
            };
        };
    };
    CatalogController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    HealthController_health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MetricsController_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    "complaint-acknowledge": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcknowledgeBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-assess": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssessBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-assign": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-reassign": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReassignBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-request-information": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestInformationBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-receive-information": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReceiveInformationBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-pause-clock": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PauseClockBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-resume-clock": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResumeClockBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-send-interim-notice": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendInterimNoticeBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-amend": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AmendBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-request-supplement": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestSupplementBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-record-findings": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordFindingsBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-record-contribution": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordContributionBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-decide": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecideBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-communicate-decision": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommunicateDecisionBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-close": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CloseBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-withdraw": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-reopen": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReopenBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-record-satisfaction": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordSatisfactionBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-mark-confidential": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-provide-compensation": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProvideCompensationBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-refer-to-training": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReferToTrainingBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "complaint-record-training-completed": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body. The same request again gets the first answer (same status, body and ETag) and stores nothing. Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request. Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The case's id or its reference (2026-000123) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordTrainingCompletedBody"];
            };
        };
        responses: {
            /** @description The case after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "improvement-plan": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImprovementPlanBody"];
            };
        };
        responses: {
            /** @description The request after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "improvement-implement": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImprovementImplementBody"];
            };
        };
        responses: {
            /** @description The request after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "improvement-report-result": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImprovementReportResultBody"];
            };
        };
        responses: {
            /** @description The request after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "improvement-verify": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImprovementVerifyBody"];
            };
        };
        responses: {
            /** @description The request after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "improvement-decline": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImprovementDeclineBody"];
            };
        };
        responses: {
            /** @description The request after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "improvement-request-extension": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImprovementRequestExtensionBody"];
            };
        };
        responses: {
            /** @description The request after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "improvement-record-committee-decision": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImprovementCommitteeDecisionBody"];
            };
        };
        responses: {
            /** @description The request after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "evaluation-refresh-evidence": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @example 2026-Q3 */
                quarter: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationRefreshEvidenceBody"];
            };
        };
        responses: {
            /** @description The evaluation after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "evaluation-record-judgement": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @example 2026-Q3 */
                quarter: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationJudgementBody"];
            };
        };
        responses: {
            /** @description The evaluation after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "evaluation-add-action": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @example 2026-Q3 */
                quarter: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationAddActionBody"];
            };
        };
        responses: {
            /** @description The evaluation after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "evaluation-update-action": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @example 2026-Q3 */
                quarter: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationUpdateActionBody"];
            };
        };
        responses: {
            /** @description The evaluation after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "evaluation-complete-action": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @example 2026-Q3 */
                quarter: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationCompleteActionBody"];
            };
        };
        responses: {
            /** @description The evaluation after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "evaluation-sign": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @example 2026-Q3 */
                quarter: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationSignBody"];
            };
        };
        responses: {
            /** @description The evaluation after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
    "evaluation-add-addendum": {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag (revision) last seen: a stale one gets 412 */
                "If-Match"?: string;
                /** @description As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @example 2026-Q3 */
                quarter: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationAddendumBody"];
            };
        };
        responses: {
            /** @description The evaluation after the command, with its new ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
        };
    };
}
