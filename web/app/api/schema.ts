// Generated from the backend OpenAPI document by `npm run api:generate`. Do not edit by hand.
export interface paths {
    "/api/v1/analytics/company/{company_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Company
         * @description One company: openings, applications per opening, conversion per stage, universities it hires from.
         */
        get: operations["analytics-company"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/distribution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Distribution
         * @description Applications and hires by university, by city and by work format.
         */
        get: operations["analytics-distribution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Funnel
         * @description Entries into each stage in the period and the conversion from one stage to the next.
         */
        get: operations["analytics-funnel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Overview
         * @description Openings by status and kind, applications, hires, universities, companies and students.
         */
        get: operations["analytics-overview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/skills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Skills
         * @description Skills most asked for by active openings against skills most offered by students.
         */
        get: operations["analytics-skills"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/time-to-hire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Time To Hire
         * @description Median and 75th percentile of the days from applying to each stage and to hire.
         */
        get: operations["analytics-time-to-hire"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/trends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Trends
         * @description Applications, hires and new openings per week or month.
         */
        get: operations["analytics-trends"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/university/{university_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * University
         * @description One university: its students applied and placed (by course and specialty), openings, top employers.
         */
        get: operations["analytics-university"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke Api Key
         * @description Revoke an API key; it stops working at once.
         */
        delete: operations["api-keys-revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Applications
         * @description List applications: by status, source, opening, student, company, university, assignee or date.
         */
        get: operations["applications-list"];
        put?: never;
        /**
         * Create Application
         * @description Apply a student to an active opening.
         */
        post: operations["applications-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{application_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Application
         * @description Get one application.
         */
        get: operations["applications-get"];
        put?: never;
        post?: never;
        /**
         * Delete Application
         * @description Remove an application (kept with its history, hidden from lists).
         */
        delete: operations["applications-delete"];
        options?: never;
        head?: never;
        /**
         * Update Application
         * @description Move an application to another status, or change its assignee; refused moves list the allowed ones.
         */
        patch: operations["applications-update"];
        trace?: never;
    };
    "/api/v1/applications/{application_id}/candidate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Application Candidate
         * @description The candidate whole, for those who handle the application: person, university, assignee and CV.
         */
        get: operations["applications-candidate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{application_id}/cv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Application Cv
         * @description The candidate's CV, for those who handle the application (not the student's own account).
         */
        get: operations["applications-cv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{application_id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Application History
         * @description Every status change of an application: from, to, who, when and from which side.
         */
        get: operations["applications-history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{entity_id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry Sync
         * @description Push this application to Bitrix24 again now (after a failure, or to force it).
         */
        post: operations["applications-sync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bulk Change
         * @description Change the status of, reassign or reject many applications; each one succeeds or fails on its own.
         */
        post: operations["applications-bulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count Applications
         * @description How many matching applications are in each status now, exactly (the list's filters; status is ignored).
         */
        get: operations["applications-counts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/from-university": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create From University
         * @description A university (API key or coordinator) applies one or many students; a result per student.
         */
        post: operations["applications-university-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import Applications
         * @description Import applications from a CSV file (managers); a result per row, each row on its own.
         */
        post: operations["applications-import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Assignees
         * @description Active people applications can be assigned to, by name (for choosing one).
         */
        get: operations["assignees-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Audit
         * @description Who changed what and when, newest first (admins only).
         */
        get: operations["audit-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Login
         * @description Sign in: sets an HttpOnly session cookie for the web UI and returns a bearer token for API clients.
         */
        post: operations["auth-login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Logout
         * @description Sign out: the session or bearer token stops working at once.
         */
        post: operations["auth-logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Me
         * @description Who the caller is: role and scope.
         */
        get: operations["auth-me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/app": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open App
         * @description Bitrix24 opens the app or one of its widgets: the person is checked with their portal and signed in.
         */
        post: operations["bitrix24-app-open"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/conflicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Conflicts
         * @description What Bitrix24 holds that cannot be applied here, with the reason; everything else keeps flowing.
         */
        get: operations["bitrix24-conflicts-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/conflicts/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry Conflict
         * @description Fetch and apply a Bitrix24 record again now (after the conflict was resolved here).
         */
        post: operations["bitrix24-conflicts-retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Connection Status
         * @description The portal's first connection: its plan (what matches what) and how far carrying it out has come.
         */
        get: operations["bitrix24-connection-get"];
        put?: never;
        /**
         * Plan Connection
         * @description Match the portal's records with ours again (a new plan); nothing is written before it is accepted.
         */
        post: operations["bitrix24-connection-plan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/connection/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept Connection
         * @description Accept the plan: links are made, the portal's records come in and ours go out.
         */
        post: operations["bitrix24-connection-accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/connection/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Connection Items
         * @description The plan's lines: links (with what matched), records to create here, conflicts (with why).
         */
        get: operations["bitrix24-connection-items"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/deletions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Deletion Hold
         * @description The deletion check waiting for an administrator (null when none waits).
         */
        get: operations["bitrix24-deletions-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/deletions/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve Deletions
         * @description Let the next deletion check go on; each record is archived only if Bitrix24 says it is not found.
         */
        post: operations["bitrix24-deletions-approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Events
         * @description The event log: what Bitrix24 sent, newest first (tokens are never stored).
         */
        get: operations["bitrix24-events-list"];
        put?: never;
        /**
         * Receive Event
         * @description Receive a Bitrix24 event (form-encoded as Bitrix24 sends it, or the same as JSON).
         */
        post: operations["bitrix24-events-receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/install": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Install Page
         * @description The app's install page: Bitrix24 opens it with AUTH_ID, REFRESH_ID and member_id in the form.
         */
        post: operations["bitrix24-install"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/mapping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Mapping
         * @description Pipelines, stages and company types our records map to.
         */
        get: operations["bitrix24-mapping-get"];
        /**
         * Update Mapping
         * @description Replace the mapping (admins); records are pushed with it from now on.
         */
        put: operations["bitrix24-mapping-update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/pipelines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Pipelines
         * @description The portal's deal pipelines with their stages, as Bitrix24 has them now (for mapping and routing).
         */
        get: operations["bitrix24-pipelines-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/portal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Portal Status
         * @description The connection: which portal, how it is authorised, and how much is waiting to sync.
         */
        get: operations["bitrix24-portal-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update Portal
         * @description Choose who a person of the portal becomes on first opening InternHub inside Bitrix24 (admins).
         */
        patch: operations["bitrix24-portal-update"];
        trace?: never;
    };
    "/api/v1/bitrix24/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Queue
         * @description Changes waiting to reach Bitrix24; ``state=failed`` for those that keep failing, with the error.
         */
        get: operations["bitrix24-queue-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reconcile Now
         * @description Ask the worker to look for missed changes now, and to try a portal resting after failures again now.
         */
        post: operations["bitrix24-reconcile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/records/{remote_type}/{remote_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Linked Record
         * @description Our record linked to a Bitrix24 deal, contact or company (for the tabs in the portal's CRM cards).
         */
        get: operations["bitrix24-records-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bitrix24/robots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run Robot
         * @description A Bitrix24 automation rule of ours was reached on a deal: do it and send the result back.
         */
        post: operations["bitrix24-robots-run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/companies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Companies
         * @description List employer companies, with search by name and filters by city, industry and INN.
         */
        get: operations["companies-list"];
        put?: never;
        /**
         * Create Company
         * @description Add an employer company.
         */
        post: operations["companies-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/companies/{company_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Company
         * @description Get one company.
         */
        get: operations["companies-get"];
        put?: never;
        post?: never;
        /**
         * Delete Company
         * @description Remove a company that has no openings left (kept in history, hidden from lists).
         */
        delete: operations["companies-delete"];
        options?: never;
        head?: never;
        /**
         * Update Company
         * @description Change some fields of a company.
         */
        patch: operations["companies-update"];
        trace?: never;
    };
    "/api/v1/companies/{entity_id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry Sync
         * @description Push this company to Bitrix24 again now (after a failure, or to force it).
         */
        post: operations["companies-sync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Mail
         * @description E-mails to applicants, newest first: what was sent (SMTP) or kept in the local outbox.
         */
        get: operations["mail-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Openings
         * @description List internships and vacancies: search by title; filter by status, kind, company, skills, dates.
         */
        get: operations["openings-list"];
        put?: never;
        /**
         * Create Opening
         * @description Publish or draft an internship or vacancy.
         */
        post: operations["openings-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openings/{entity_id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry Sync
         * @description Push this opening to Bitrix24 again now (after a failure, or to force it).
         */
        post: operations["openings-sync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openings/{opening_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Opening
         * @description Get one opening.
         */
        get: operations["openings-get"];
        put?: never;
        post?: never;
        /**
         * Delete Opening
         * @description Remove an opening that has no applications (otherwise close it).
         */
        delete: operations["openings-delete"];
        options?: never;
        head?: never;
        /**
         * Update Opening
         * @description Change some fields of an opening, including its status (publish, close, complete).
         */
        patch: operations["openings-update"];
        trace?: never;
    };
    "/api/v1/partnerships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Partnerships
         * @description List partnership agreements, by university, company or the day they are valid on.
         */
        get: operations["partnerships-list"];
        put?: never;
        /**
         * Create Partnership
         * @description Record an agreement between a university and a company.
         */
        post: operations["partnerships-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partnerships/{partnership_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Partnership
         * @description Get one partnership.
         */
        get: operations["partnerships-get"];
        put?: never;
        post?: never;
        /**
         * Delete Partnership
         * @description Remove an agreement.
         */
        delete: operations["partnerships-delete"];
        options?: never;
        head?: never;
        /**
         * Update Partnership
         * @description Change some fields of a partnership.
         */
        patch: operations["partnerships-update"];
        trace?: never;
    };
    "/api/v1/placement-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Requests
         * @description Placement requests: a university's own, a recruiter's company's part of those offered to it, all for staff.
         */
        get: operations["placement-requests-list"];
        put?: never;
        /**
         * Create Request
         * @description Ask for places for named students; they are offered at once to internships with free places.
         */
        post: operations["placement-requests-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/placement-requests/{request_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Request
         * @description One placement request with its offers and students (a recruiter sees its company's part).
         */
        get: operations["placement-requests-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/placement-requests/{request_id}/offers/{offer_id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide Offer
         * @description A company takes some of the students (each gets an application) and declines the offer's other places.
         */
        post: operations["placement-offers-decide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create Public Application
         * @description Apply without an account (multipart form, optional CV); answers with the private status link.
         */
        post: operations["public-applications-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/applications/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Public Application Status
         * @description The status of an application and its history, by the private link's token.
         */
        get: operations["public-applications-status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/cities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Public Cities
         * @description The cities of the catalogue's openings, with how many each has, for the city filter.
         */
        get: operations["public-cities-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Consent
         * @description The current personal-data consent text and its version.
         */
        get: operations["public-consent-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/openings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Public Openings
         * @description Active openings with their company and free places: search, filters and pages, no sign-in.
         */
        get: operations["public-openings-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/openings/{opening_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Public Opening
         * @description One published opening (a closed one too, for whoever holds its link).
         */
        get: operations["public-openings-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/universities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Public Universities
         * @description Universities to choose from on the application form (up to 50, by name).
         */
        get: operations["public-universities-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Schedules
         * @description Every report schedule of the workspace.
         */
        get: operations["report-schedules-list"];
        put?: never;
        /**
         * Create Schedule
         * @description Make reports weekly, monthly or by a cron expression, for one subject or for each of them.
         */
        post: operations["report-schedules-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report-schedules/{schedule_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete Schedule
         * @description Remove a schedule (the reports it made stay).
         */
        delete: operations["report-schedules-delete"];
        options?: never;
        head?: never;
        /**
         * Update Schedule
         * @description Rename, pause or resume a schedule, or change its format or delivery.
         */
        patch: operations["report-schedules-update"];
        trace?: never;
    };
    "/api/v1/report-schedules/{schedule_id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run Schedule
         * @description Run a schedule now, as if it were due (its next regular run stays as it was).
         */
        post: operations["report-schedules-run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Reports
         * @description List generated and queued reports you may read, newest first.
         */
        get: operations["reports-list"];
        put?: never;
        /**
         * Create Report
         * @description Order a report now; it is made in the background (watch its status and progress).
         */
        post: operations["reports-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/{report_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Report
         * @description One report with its status and progress.
         */
        get: operations["reports-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/{report_id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download Report
         * @description Download a finished report (XLSX or PDF).
         */
        get: operations["reports-download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/routing/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Explain
         * @description Which rule an application matches, what it would do, and why every other rule did not decide.
         */
        post: operations["routing-explain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/routing/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Rules
         * @description The workspace's routing rules in the order they are checked; the default rule is last.
         */
        get: operations["routing-rules-list"];
        put?: never;
        /**
         * Create Rule
         * @description Add a rule at a position (rules from there on move down one), or before the default rule.
         */
        post: operations["routing-rules-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/routing/rules/{rule_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Rule
         * @description One routing rule.
         */
        get: operations["routing-rules-get"];
        put?: never;
        post?: never;
        /**
         * Delete Rule
         * @description Remove a rule (not the default one).
         */
        delete: operations["routing-rules-delete"];
        options?: never;
        head?: never;
        /**
         * Update Rule
         * @description Change a rule: its name, position, conditions, actions, or switch it off.
         */
        patch: operations["routing-rules-update"];
        trace?: never;
    };
    "/api/v1/routing/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Teams
         * @description Teams that share applications (round robin or least loaded).
         */
        get: operations["routing-teams-list"];
        put?: never;
        /**
         * Create Team
         * @description Create a team of users.
         */
        post: operations["routing-teams-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/routing/teams/{team_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete Team
         * @description Remove a team no rule uses.
         */
        delete: operations["routing-teams-delete"];
        options?: never;
        head?: never;
        /**
         * Update Team
         * @description Rename a team, change its strategy or its members.
         */
        patch: operations["routing-teams-update"];
        trace?: never;
    };
    "/api/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Installation Settings
         * @description The workspace, mail, sessions, personal data and Bitrix24 connection as configured (admins only).
         */
        get: operations["settings-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/students": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Students
         * @description List students, with search by name or e-mail and filters by university, course, specialty, skills.
         */
        get: operations["students-list"];
        put?: never;
        /**
         * Create Student
         * @description Register a student at a university.
         */
        post: operations["students-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/students/{entity_id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry Sync
         * @description Push this student to Bitrix24 again now (after a failure, or to force it).
         */
        post: operations["students-sync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/students/{student_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Student
         * @description Get one student.
         */
        get: operations["students-get"];
        put?: never;
        post?: never;
        /**
         * Delete Student
         * @description Remove a student (kept with their applications' history, hidden from lists).
         */
        delete: operations["students-delete"];
        options?: never;
        head?: never;
        /**
         * Update Student
         * @description Change some fields of a student.
         */
        patch: operations["students-update"];
        trace?: never;
    };
    "/api/v1/students/{student_id}/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase Student
         * @description Erase a student's personal data on request (152-FZ): anonymised, CVs deleted, Bitrix24 contact cleared.
         */
        post: operations["students-erase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/students/{student_id}/personal-data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export Personal Data
         * @description Everything held about one student, as a file an administrator can hand over (152-FZ, art. 14).
         */
        get: operations["students-personal-data"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/students/{student_id}/placements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Student Placements
         * @description The placement requests naming a student, with the internships each was offered to, newest first.
         */
        get: operations["students-placements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/students/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import Students
         * @description Register students from a CSV file (managers, or a university for its own); a result per row, each on its own.
         */
        post: operations["students-import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/universities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Universities
         * @description List universities, with search by name and a city filter.
         */
        get: operations["universities-list"];
        put?: never;
        /**
         * Create University
         * @description Add a university.
         */
        post: operations["universities-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/universities/{entity_id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry Sync
         * @description Push this university to Bitrix24 again now (after a failure, or to force it).
         */
        post: operations["universities-sync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/universities/{university_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get University
         * @description Get one university.
         */
        get: operations["universities-get"];
        put?: never;
        post?: never;
        /**
         * Delete University
         * @description Remove a university that has no students left (kept in history, hidden from lists).
         */
        delete: operations["universities-delete"];
        options?: never;
        head?: never;
        /**
         * Update University
         * @description Change some fields of a university.
         */
        patch: operations["universities-update"];
        trace?: never;
    };
    "/api/v1/universities/{university_id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Api Keys
         * @description List a university's API keys (never the keys themselves).
         */
        get: operations["api-keys-list"];
        put?: never;
        /**
         * Create Api Key
         * @description Create an API key that sees only this university's data. The key is shown once.
         */
        post: operations["api-keys-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/universities/{university_id}/students": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List University Students
         * @description List the students of one university.
         */
        get: operations["universities-students-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Users
         * @description List the workspace's users (admins only).
         */
        get: operations["users-list"];
        put?: never;
        /**
         * Create User
         * @description Add a user with a role and, where the role needs one, its university, company or student.
         */
        post: operations["users-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get User
         * @description Get one user of the workspace, with the Bitrix24 user it is linked to (admins only).
         */
        get: operations["users-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update User
         * @description Rename, re-password, deactivate or link a user to their Bitrix24 user; the 2nd and 3rd end their sessions.
         */
        patch: operations["users-update"];
        trace?: never;
    };
    "/api/v1/workspace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Current Workspace
         * @description The caller's workspace.
         */
        get: operations["workspace-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename Workspace
         * @description Rename the workspace (admins only); its address (slug) stays, so links keep working.
         */
        patch: operations["workspace-update"];
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Alive
         * @description The process is up.
         */
        get: operations["health-alive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ready
         * @description The database answers and its schema is at the newest migration.
         */
        get: operations["health-ready"];
        put?: never;
        post?: never;
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
        /** Actions */
        Actions: {
            /**
             * Assignee Id
             * @description A user of the workspace
             */
            assignee_id?: number | null;
            /**
             * Bitrix24 Category Id
             * @description An applications pipeline of the workspace's Bitrix24 mapping; none = default
             */
            bitrix24_category_id?: number | null;
            /**
             * Bitrix24 Stage Id
             * @description Stage of that pipeline the application starts in (new, screening or interview)
             */
            bitrix24_stage_id?: string | null;
            /**
             * Notify User Ids
             * @description Told in Bitrix24 too
             */
            notify_user_ids?: number[];
            /** Tags */
            tags?: string[];
            /**
             * Team Id
             * @description A team: round robin or least loaded (not with assignee_id)
             */
            team_id?: number | null;
        };
        /**
         * ActorKind
         * @enum {string}
         */
        ActorKind: "user" | "api_key" | "public" | "bitrix24" | "system";
        /** ApiKeyCreated */
        ApiKeyCreated: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: number;
            /**
             * Key
             * @description The key itself. It is shown only now; store it safely.
             */
            key: string;
            /** Last Used At */
            last_used_at: string | null;
            /** Name */
            name: string;
            /** Prefix */
            prefix: string;
            /** Revoked At */
            revoked_at: string | null;
            /** University Id */
            university_id: number;
        };
        /** ApiKeyIn */
        ApiKeyIn: {
            /** Name */
            name: string;
        };
        /** ApiKeyOut */
        ApiKeyOut: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: number;
            /** Last Used At */
            last_used_at: string | null;
            /** Name */
            name: string;
            /** Prefix */
            prefix: string;
            /** Revoked At */
            revoked_at: string | null;
            /** University Id */
            university_id: number;
        };
        /** ApplicationIn */
        ApplicationIn: {
            /** Assignee Id */
            assignee_id?: number | null;
            /** Cover Letter */
            cover_letter?: string | null;
            /** Opening Id */
            opening_id: number;
            /** @description Set by staff only; derived otherwise */
            source?: components["schemas"]["ApplicationSource"] | null;
            /** Student Id */
            student_id: number;
        };
        /** ApplicationOut */
        ApplicationOut: {
            /**
             * Applied At
             * Format: date-time
             */
            applied_at: string;
            /** Assignee Id */
            assignee_id: number | null;
            /** Bitrix24 Deal Id */
            bitrix24_deal_id: number | null;
            /**
             * Company Name
             * @description The name of the opening's company
             */
            company_name: string;
            /** Cover Letter */
            cover_letter: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: number;
            /** Opening Id */
            opening_id: number;
            /**
             * Opening Title
             * @description The title of the opening applied to
             */
            opening_title: string;
            /** Rejection Reason */
            rejection_reason: string | null;
            source: components["schemas"]["ApplicationSource"];
            status: components["schemas"]["ApplicationStatus"];
            /**
             * Status Token
             * @description The applicant's private status link token: only in the answer that created it
             */
            status_token?: string | null;
            /** Student Id */
            student_id: number;
            /**
             * Student Name
             * @description The student's full name
             */
            student_name: string;
            /** @description Bitrix24 sync state; null when never synced */
            sync?: components["schemas"]["SyncOut"] | null;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** ApplicationPatch */
        ApplicationPatch: {
            /** Assignee Id */
            assignee_id?: number | null;
            /** Bitrix24 Deal Id */
            bitrix24_deal_id?: number | null;
            /** Cover Letter */
            cover_letter?: string | null;
            /**
             * Opening Id
             * @description Move to another opening (staff); routing runs again
             */
            opening_id?: number;
            /** Rejection Reason */
            rejection_reason?: string | null;
            status?: components["schemas"]["ApplicationStatus"];
        };
        /**
         * ApplicationSource
         * @enum {string}
         */
        ApplicationSource: "portal" | "university" | "bitrix24" | "import";
        /**
         * ApplicationStatus
         * @enum {string}
         */
        ApplicationStatus: "new" | "screening" | "interview" | "offer" | "hired" | "rejected" | "withdrawn";
        /** AssigneeOut */
        AssigneeOut: {
            /** Id */
            id: number;
            /**
             * Name
             * @description The full name, or the e-mail when the name is blank
             */
            name: string;
            role: components["schemas"]["Role"];
        };
        /** AuditOut */
        AuditOut: {
            /** Action */
            action: string;
            /** Actor Id */
            actor_id: number | null;
            actor_kind: components["schemas"]["ActorKind"];
            /** Actor Name */
            actor_name: string;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /**
             * Changes
             * @description Each changed field: [old, new] (secrets as ***)
             */
            changes: {
                [key: string]: unknown[];
            };
            /** Entity Id */
            entity_id: number;
            /** Entity Type */
            entity_type: string;
            /** Id */
            id: number;
        };
        /** Bitrix24SettingsOut */
        Bitrix24SettingsOut: {
            /**
             * Auth Mode
             * @description webhook or oauth (an installed app)
             */
            auth_mode: string | null;
            /** Connected */
            connected: boolean;
            /** Domain */
            domain: string | null;
            /**
             * Sandbox
             * @description The built-in sandbox portal stands in for Bitrix24
             */
            sandbox: boolean;
        };
        /** Body_applications-import */
        "Body_applications-import": {
            /**
             * File
             * @description UTF-8 CSV: opening_id, email, full_name, phone, university, …
             */
            file: string;
        };
        /** Body_students-import */
        "Body_students-import": {
            /**
             * File
             * @description UTF-8 CSV: full_name, email, course, university_id, phone, …
             */
            file: string;
        };
        /** BulkIn */
        BulkIn: {
            /**
             * Action
             * @enum {string}
             */
            action: "status" | "assign" | "reject";
            /** Assignee Id */
            assignee_id?: number | null;
            /** Ids */
            ids: number[];
            /** Reason */
            reason?: string | null;
            status?: components["schemas"]["ApplicationStatus"] | null;
        };
        /** BulkItemResult */
        BulkItemResult: {
            /** Allowed */
            allowed?: string[] | null;
            /** Assignee Id */
            assignee_id?: number | null;
            /**
             * Code
             * @description The problem's stable code, as a whole request would have it
             */
            code?: string | null;
            /** Error */
            error?: string | null;
            /** Errors */
            errors?: {
                [key: string]: unknown;
            }[] | null;
            /** Existing Id */
            existing_id?: number | null;
            /** Id */
            id: number;
            /** Ok */
            ok: boolean;
            /**
             * Status
             * @description The HTTP status this item alone would have got
             */
            status?: number | null;
            status_now?: components["schemas"]["ApplicationStatus"] | null;
        };
        /**
         * Cadence
         * @enum {string}
         */
        Cadence: "weekly" | "monthly" | "cron";
        /**
         * CandidateOut
         * @description The person behind an application, as those who handle it need them.
         */
        CandidateOut: {
            /** Assignee Id */
            assignee_id: number | null;
            /**
             * Assignee Name
             * @description The assignee's name (or e-mail when the name is blank)
             */
            assignee_name: string | null;
            /** Course */
            course: number;
            /** @description The CV's description; the file is at applications-cv */
            cv: components["schemas"]["CvOut"] | null;
            /** Email */
            email: string;
            /** Full Name */
            full_name: string;
            /** Phone */
            phone: string | null;
            /** Skills */
            skills: string[];
            /** Specialty */
            specialty: string | null;
            /** Student Id */
            student_id: number;
            /** University Id */
            university_id: number;
            /** University Name */
            university_name: string;
        };
        /**
         * CandidateStatus
         * @enum {string}
         */
        CandidateStatus: "pending" | "accepted" | "declined";
        /**
         * Cause
         * @description One of a step's reasons as a code and its values, for a screen to put in its own language.
         */
        Cause: {
            /**
             * Code
             * @description not_listed: `condition` (opening_kind, company, university, specialty, city, format, source) has `value`, not one of `allowed`; course_below / course_above: `course` against `min` / `max`; skills_short: `overlap` of `skills`, `needed` required; disabled; earlier_match: `rule` decided first
             * @enum {string}
             */
            code: "not_listed" | "course_below" | "course_above" | "skills_short" | "disabled" | "earlier_match";
            /** Values */
            values: {
                [key: string]: unknown;
            };
        };
        /** CompanyAnalytics */
        CompanyAnalytics: {
            /** Applications */
            applications: number;
            /**
             * Applications Per Opening
             * @description Applications in the period per opening created in it
             */
            applications_per_opening: number | null;
            /** Company Id */
            company_id: number;
            /** Funnel */
            funnel: components["schemas"]["StageOut"][];
            /** Name */
            name: string;
            /** Openings */
            openings: components["schemas"]["OpeningsByStatus"][];
            /** Openings Total */
            openings_total: number;
            /**
             * Universities
             * @description Universities whose students it hired in the period
             */
            universities: components["schemas"]["HiringUniversity"][];
        };
        /** CompanyIn */
        CompanyIn: {
            /** Bitrix24 Company Id */
            bitrix24_company_id?: number | null;
            /** City */
            city?: string | null;
            /** Contact Email */
            contact_email?: string | null;
            /** Contact Name */
            contact_name?: string | null;
            /** Contact Phone */
            contact_phone?: string | null;
            /** Industry */
            industry?: string | null;
            /** Inn */
            inn?: string | null;
            /** Name */
            name: string;
            /** Website */
            website?: string | null;
        };
        /** CompanyOut */
        CompanyOut: {
            /** Bitrix24 Company Id */
            bitrix24_company_id: number | null;
            /** City */
            city: string | null;
            /** Contact Email */
            contact_email: string | null;
            /** Contact Name */
            contact_name: string | null;
            /** Contact Phone */
            contact_phone: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: number;
            /** Industry */
            industry: string | null;
            /** Inn */
            inn: string | null;
            /** Name */
            name: string;
            /** @description Bitrix24 sync state; null when never synced */
            sync?: components["schemas"]["SyncOut"] | null;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Website */
            website: string | null;
        };
        /** CompanyPatch */
        CompanyPatch: {
            /** Bitrix24 Company Id */
            bitrix24_company_id?: number | null;
            /** City */
            city?: string | null;
            /** Contact Email */
            contact_email?: string | null;
            /** Contact Name */
            contact_name?: string | null;
            /** Contact Phone */
            contact_phone?: string | null;
            /** Industry */
            industry?: string | null;
            /** Inn */
            inn?: string | null;
            /** Name */
            name?: string;
            /** Website */
            website?: string | null;
        };
        /**
         * Conditions
         * @description Every condition given must hold; an empty list or a missing bound means "any".
         */
        Conditions: {
            /**
             * Cities
             * @description The opening's city
             */
            cities?: string[];
            /** Company Ids */
            company_ids?: number[];
            /** Course Max */
            course_max?: number | null;
            /** Course Min */
            course_min?: number | null;
            /** Formats */
            formats?: components["schemas"]["WorkFormat"][];
            /** Opening Kinds */
            opening_kinds?: components["schemas"]["OpeningKind"][];
            /**
             * Skills
             * @description The student has at least skills_min_overlap of these
             */
            skills?: string[];
            /**
             * Skills Min Overlap
             * @default 1
             */
            skills_min_overlap?: number;
            /** Sources */
            sources?: components["schemas"]["ApplicationSource"][];
            /**
             * Specialties
             * @description Case-insensitive
             */
            specialties?: string[];
            /** University Ids */
            university_ids?: number[];
        };
        /** ConflictOut */
        ConflictOut: {
            /**
             * Code
             * @description Stable code: duplicate_inn, duplicate_name, duplicate_email, duplicate_application, bitrix24_id_taken, kind_changed, incomplete, deleted_with_children, invalid
             */
            code: string;
            /**
             * Entity Id
             * @description Our record's id, when we have it
             */
            entity_id: number | null;
            /**
             * Entity Type
             * @description Our kind of record (university, company, ...), when we have it
             */
            entity_type: string | null;
            /** Message */
            message: string;
            /**
             * Remote Id
             * @description The Bitrix24 record's id, when it still has one
             */
            remote_id: number | null;
            /**
             * Remote Type
             * @description company, contact or deal
             */
            remote_type: string | null;
            /** Since */
            since: string | null;
        };
        /** ConflictsOut */
        ConflictsOut: {
            /** Items */
            items: components["schemas"]["ConflictOut"][];
            /** Total */
            total: number;
        };
        /** ConnectionItemOut */
        ConnectionItemOut: {
            /**
             * Action
             * @enum {string}
             */
            action: "link" | "create_here" | "conflict";
            /** Entity Id */
            entity_id: number | null;
            /** Id */
            id: number;
            /** Kind */
            kind: string;
            /** Matched By */
            matched_by: string | null;
            /** Reason */
            reason: string | null;
            /** Remote Id */
            remote_id: number | null;
            /** Remote Type */
            remote_type: string;
        };
        /** ConnectionOut */
        ConnectionOut: {
            /** Accepted At */
            accepted_at?: string | null;
            /**
             * Counts
             * @description Per kind of ours: link (matched), create_there, create_here, conflict
             */
            counts: {
                [key: string]: {
                    [key: string]: number;
                };
            };
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Error */
            error?: string | null;
            /** @description Ours created or updated in the portal so far */
            export?: components["schemas"]["ExportOut"] | null;
            /** Finished At */
            finished_at?: string | null;
            /** Id */
            id: number;
            /** Planned At */
            planned_at?: string | null;
            /**
             * Progress
             * @description What the run has done: phase, linked, queued, imported
             */
            progress: {
                [key: string]: unknown;
            };
            /** @description planning → planned (waits for an administrator; nothing written yet) → accepted → exporting → done */
            status: components["schemas"]["ConnectionStatus"];
        };
        /**
         * ConnectionStatus
         * @enum {string}
         */
        ConnectionStatus: "planning" | "planned" | "accepted" | "exporting" | "done" | "failed";
        /** ConsentOut */
        ConsentOut: {
            /** Text En */
            text_en: string;
            /** Text Ru */
            text_ru: string;
            /** Version */
            version: string;
        };
        /** CvOut */
        CvOut: {
            /** Content Type */
            content_type: string;
            /** Filename */
            filename: string;
            /**
             * Size
             * @description Bytes
             */
            size: number;
            /**
             * Uploaded At
             * Format: date-time
             */
            uploaded_at: string;
        };
        /** Decision */
        Decision: {
            /**
             * Assignee Id
             * @description The user the rule names, or who its team would pick next
             */
            assignee_id: number | null;
            /** Bitrix24 Category Id */
            bitrix24_category_id: number | null;
            /** Bitrix24 Stage Id */
            bitrix24_stage_id: string | null;
            /** Notify User Ids */
            notify_user_ids: number[];
            /** Rule Id */
            rule_id: number | null;
            /** Rule Name */
            rule_name: string;
            /** Tags */
            tags: string[];
            /** Team Id */
            team_id: number | null;
        };
        /** DecisionIn */
        DecisionIn: {
            /**
             * Accept Student Ids
             * @description Students taken; the offer's other places are declined
             */
            accept_student_ids?: number[];
        };
        /** DeletionHoldOut */
        DeletionHoldOut: {
            /** Approved */
            approved: boolean;
            /**
             * Detected At
             * Format: date-time
             */
            detected_at: string;
            /**
             * Known
             * @description Our records of each kind linked to the portal
             */
            known: {
                [key: string]: number;
            };
            /**
             * Missing
             * @description Our records of each kind the portal's lists no longer show
             */
            missing: {
                [key: string]: number;
            };
        };
        /** DistributionOut */
        DistributionOut: {
            /** By City */
            by_city: components["schemas"]["Share"][];
            /** By Format */
            by_format: components["schemas"]["Share"][];
            /** By University */
            by_university: components["schemas"]["Share"][];
        };
        /** DurationOut */
        DurationOut: {
            /** Count */
            count: number;
            /** Median Days */
            median_days: number | null;
            /** P75 Days */
            p75_days: number | null;
            /** Stage */
            stage: string;
        };
        /** Employer */
        Employer: {
            /** Applications */
            applications: number;
            /** Hires */
            hires: number;
            /** Id */
            id: number;
            /** Name */
            name: string;
        };
        /** EventOut */
        EventOut: {
            /** Entity Id */
            entity_id: number | null;
            /** Entity Type */
            entity_type: string | null;
            /** Event */
            event: string;
            /** Id */
            id: number;
            /** Payload */
            payload: {
                [key: string]: unknown;
            };
            /**
             * Received At
             * Format: date-time
             */
            received_at: string;
        };
        /** ExplainIn */
        ExplainIn: {
            /** Application Id */
            application_id: number;
        };
        /** Explanation */
        Explanation: {
            /** Application Id */
            application_id: number;
            /** @description Where the application was actually routed */
            current: components["schemas"]["RouteOut"] | null;
            /** Matched Rule Id */
            matched_rule_id: number | null;
            result: components["schemas"]["Decision"];
            /** Steps */
            steps: components["schemas"]["Step"][];
        };
        /** ExportOut */
        ExportOut: {
            /** Done */
            done: number;
            /** Total */
            total: number;
        };
        /** FunnelOut */
        FunnelOut: {
            /** Rejected */
            rejected: number;
            /**
             * Stages
             * @description Entries into each stage in the period, new (applied) to hired
             */
            stages: components["schemas"]["StageOut"][];
            /** Withdrawn */
            withdrawn: number;
        };
        /** HiringUniversity */
        HiringUniversity: {
            /** Hires */
            hires: number;
            /** Id */
            id: number;
            /** Name */
            name: string;
        };
        /** ImportRowResult */
        ImportRowResult: {
            /** Allowed */
            allowed?: string[] | null;
            /** Application Id */
            application_id?: number | null;
            /**
             * Code
             * @description The problem's stable code, as a whole request would have it
             */
            code?: string | null;
            /** Email */
            email: string;
            /** Error */
            error?: string | null;
            /** Errors */
            errors?: {
                [key: string]: unknown;
            }[] | null;
            /** Existing Id */
            existing_id?: number | null;
            /** Ok */
            ok: boolean;
            /** Row */
            row: number;
            /**
             * Status
             * @description The HTTP status this item alone would have got
             */
            status?: number | null;
            /**
             * Status Token
             * @description The applicant's private status link token
             */
            status_token?: string | null;
            /** Student Created */
            student_created?: boolean | null;
            /** Student Id */
            student_id?: number | null;
        };
        /**
         * LinkedRecordOut
         * @description Our record linked to a Bitrix24 record (what a tab in its card shows).
         */
        LinkedRecordOut: {
            /** Entity Id */
            entity_id: number;
            /**
             * Entity Type
             * @enum {string}
             */
            entity_type: "university" | "company" | "student" | "opening" | "application";
        };
        /** LoginIn */
        LoginIn: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Password */
            password: string;
            /**
             * Workspace
             * @description The workspace's slug, when the e-mail has accounts in several
             */
            workspace?: string | null;
        };
        /** LoginOut */
        LoginOut: {
            /** Access Token */
            access_token: string;
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /**
             * Token Type
             * @default bearer
             */
            token_type?: string;
            user: components["schemas"]["UserOut"];
        };
        /** MailOut */
        MailOut: {
            /** Application Id */
            application_id: number | null;
            /** Attempts */
            attempts: number;
            /** Body */
            body: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: number;
            /** Last Error */
            last_error: string | null;
            /** Locale */
            locale: string;
            /** Sent At */
            sent_at: string | null;
            status: components["schemas"]["MailStatus"];
            /** Subject */
            subject: string;
            /** Template */
            template: string;
            /** To Address */
            to_address: string;
        };
        /**
         * MailStatus
         * @enum {string}
         */
        MailStatus: "queued" | "sent" | "failed" | "cancelled";
        /**
         * Mapping
         * @description Per workspace, stored with the portal and editable through the API.
         */
        Mapping: {
            /**
             * Application Pipelines
             * @description More applications pipelines that routing rules may send applications to
             */
            application_pipelines?: components["schemas"]["PipelineMapping"][];
            applications?: components["schemas"]["PipelineMapping"] | null;
            /**
             * Employer Type
             * @default EMPLOYER
             */
            employer_type?: string;
            internships?: components["schemas"]["PipelineMapping"] | null;
            /**
             * University Type
             * @default UNIVERSITY
             */
            university_type?: string;
            vacancies?: components["schemas"]["PipelineMapping"] | null;
        };
        /** MeOut */
        MeOut: {
            /** Company Id */
            company_id: number | null;
            /** Name */
            name: string;
            role: components["schemas"]["Role"];
            /** Student Id */
            student_id: number | null;
            /** University Id */
            university_id: number | null;
            /** User Id */
            user_id: number | null;
            /** Workspace Id */
            workspace_id: number;
        };
        /** OfferOut */
        OfferOut: {
            /** Accepted */
            accepted: number;
            /** Company Id */
            company_id: number;
            /** Declined */
            declined: number;
            /** Id */
            id: number;
            /** Opening Id */
            opening_id: number;
            /** Places */
            places: number;
            status: components["schemas"]["OfferStatus"];
        };
        /**
         * OfferStatus
         * @enum {string}
         */
        OfferStatus: "pending" | "answered";
        /** OpeningIn */
        OpeningIn: {
            /** Bitrix24 Deal Id */
            bitrix24_deal_id?: number | null;
            /** City */
            city?: string | null;
            /** Company Id */
            company_id: number;
            /**
             * Description
             * @default
             */
            description?: string;
            /** Ends On */
            ends_on?: string | null;
            /** @default office */
            format?: components["schemas"]["WorkFormat"];
            kind: components["schemas"]["OpeningKind"];
            /** Skills */
            skills?: string[];
            /**
             * Slots
             * @description Places available
             * @default 1
             */
            slots?: number;
            /** Starts On */
            starts_on?: string | null;
            /** @default draft */
            status?: components["schemas"]["OpeningStatus"];
            /** Title */
            title: string;
        };
        /**
         * OpeningKind
         * @enum {string}
         */
        OpeningKind: "internship" | "vacancy";
        /** OpeningOut */
        OpeningOut: {
            /** Bitrix24 Deal Id */
            bitrix24_deal_id: number | null;
            /** City */
            city: string | null;
            /** Company Id */
            company_id: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string;
            /**
             * Ended
             * @description Past its end date: takes no applications
             */
            ended: boolean;
            /** Ends On */
            ends_on: string | null;
            format: components["schemas"]["WorkFormat"];
            /** Id */
            id: number;
            kind: components["schemas"]["OpeningKind"];
            /** Skills */
            skills: string[];
            /** Slots */
            slots: number;
            /** Starts On */
            starts_on: string | null;
            status: components["schemas"]["OpeningStatus"];
            /** @description Bitrix24 sync state; null when never synced */
            sync?: components["schemas"]["SyncOut"] | null;
            /** Title */
            title: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** OpeningPatch */
        OpeningPatch: {
            /** Bitrix24 Deal Id */
            bitrix24_deal_id?: number | null;
            /** City */
            city?: string | null;
            /** Description */
            description?: string;
            /** Ends On */
            ends_on?: string | null;
            format?: components["schemas"]["WorkFormat"];
            kind?: components["schemas"]["OpeningKind"];
            /** Skills */
            skills?: string[];
            /** Slots */
            slots?: number;
            /** Starts On */
            starts_on?: string | null;
            status?: components["schemas"]["OpeningStatus"];
            /** Title */
            title?: string;
        };
        /** OpeningsByStatus */
        OpeningsByStatus: {
            /** Count */
            count: number;
            /** Kind */
            kind: string;
            /** Status */
            status: string;
        };
        /**
         * OpeningStatus
         * @enum {string}
         */
        OpeningStatus: "draft" | "active" | "closed" | "completed";
        /** OverviewOut */
        OverviewOut: {
            /**
             * Active Applications
             * @description Applications still in progress now (not hired, rejected, withdrawn)
             */
            active_applications: number;
            /**
             * Applications
             * @description Applications made in the period
             */
            applications: number;
            /** Companies */
            companies: number;
            /**
             * Hires
             * @description Applications moved to hired in the period
             */
            hires: number;
            /**
             * Openings
             * @description Openings created in the period, by current status and kind (published ones for a university)
             */
            openings: components["schemas"]["OpeningsByStatus"][];
            /**
             * Openings Open Now
             * @description Openings taking applications today, whenever created
             */
            openings_open_now: number;
            /** Openings Total */
            openings_total: number;
            /** Students */
            students: number;
            /** Universities */
            universities: number;
        };
        /** Page[ApplicationOut] */
        Page_ApplicationOut_: {
            /** Items */
            items: components["schemas"]["ApplicationOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** Page[AuditOut] */
        Page_AuditOut_: {
            /** Items */
            items: components["schemas"]["AuditOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** Page[CompanyOut] */
        Page_CompanyOut_: {
            /** Items */
            items: components["schemas"]["CompanyOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** Page[ConnectionItemOut] */
        Page_ConnectionItemOut_: {
            /** Items */
            items: components["schemas"]["ConnectionItemOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** Page[EventOut] */
        Page_EventOut_: {
            /** Items */
            items: components["schemas"]["EventOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** Page[MailOut] */
        Page_MailOut_: {
            /** Items */
            items: components["schemas"]["MailOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** Page[OpeningOut] */
        Page_OpeningOut_: {
            /** Items */
            items: components["schemas"]["OpeningOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** Page[PartnershipOut] */
        Page_PartnershipOut_: {
            /** Items */
            items: components["schemas"]["PartnershipOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** Page[PlacementRequestOut] */
        Page_PlacementRequestOut_: {
            /** Items */
            items: components["schemas"]["PlacementRequestOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** Page[PublicOpeningOut] */
        Page_PublicOpeningOut_: {
            /** Items */
            items: components["schemas"]["PublicOpeningOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** Page[QueueItemOut] */
        Page_QueueItemOut_: {
            /** Items */
            items: components["schemas"]["QueueItemOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** Page[ReportOut] */
        Page_ReportOut_: {
            /** Items */
            items: components["schemas"]["ReportOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** Page[StudentOut] */
        Page_StudentOut_: {
            /** Items */
            items: components["schemas"]["StudentOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** Page[UniversityOut] */
        Page_UniversityOut_: {
            /** Items */
            items: components["schemas"]["UniversityOut"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Page */
            page?: number | null;
            /**
             * Total
             * @description Number of matching items (a lower bound when total_exact is false)
             */
            total: number;
            /** Total Exact */
            total_exact: boolean;
        };
        /** PartnershipIn */
        PartnershipIn: {
            /** Agreement Number */
            agreement_number: string;
            /** Company Id */
            company_id: number;
            /** University Id */
            university_id: number;
            /** Valid From */
            valid_from?: string | null;
            /** Valid To */
            valid_to?: string | null;
        };
        /** PartnershipOut */
        PartnershipOut: {
            /** Agreement Number */
            agreement_number: string;
            /** Company Id */
            company_id: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: number;
            /** University Id */
            university_id: number;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Valid From */
            valid_from: string | null;
            /** Valid To */
            valid_to: string | null;
        };
        /** PartnershipPatch */
        PartnershipPatch: {
            /** Agreement Number */
            agreement_number?: string;
            /** Valid From */
            valid_from?: string | null;
            /** Valid To */
            valid_to?: string | null;
        };
        /**
         * PersonIn
         * @description A student as a channel describes them: matched by e-mail or phone, else created.
         */
        PersonIn: {
            /** Course */
            course?: number | null;
            /** Cover Letter */
            cover_letter?: string | null;
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Full Name */
            full_name?: string | null;
            /** Phone */
            phone?: string | null;
            /** Skills */
            skills?: string[];
            /** Specialty */
            specialty?: string | null;
        };
        /** PipelineMapping */
        PipelineMapping: {
            /** Category Id */
            category_id: number;
            /**
             * Stages
             * @description Our status → the stage id in this pipeline (e.g. C7:UC_ACTIVE)
             */
            stages: {
                [key: string]: string;
            };
        };
        /** PipelineOut */
        PipelineOut: {
            /**
             * Id
             * @description The deal pipeline (CATEGORY_ID); 0 is the portal's default one
             */
            id: number;
            /** Is Default */
            is_default: boolean;
            /** Name */
            name: string;
            /** Sort */
            sort: number;
            /** Stages */
            stages: components["schemas"]["PipelineStageOut"][];
        };
        /** PipelineStageOut */
        PipelineStageOut: {
            /**
             * Id
             * @description The stage id deals carry in STAGE_ID, e.g. C7:NEW (plain NEW in pipeline 0)
             */
            id: string;
            /** Name */
            name: string;
            /**
             * Semantics
             * @enum {string}
             */
            semantics: "process" | "success" | "failure";
            /** Sort */
            sort: number;
        };
        /** PlacementCandidateOut */
        PlacementCandidateOut: {
            /** Application Id */
            application_id: number | null;
            /** Offer Id */
            offer_id: number | null;
            status: components["schemas"]["CandidateStatus"];
            /** Student Id */
            student_id: number;
        };
        /** PlacementRequestIn */
        PlacementRequestIn: {
            /** Comment */
            comment?: string | null;
            /** Ends On */
            ends_on?: string | null;
            /** Places */
            places: number;
            /** Specialty */
            specialty: string;
            /** Starts On */
            starts_on?: string | null;
            /**
             * Student Ids
             * @description The students the places are for
             */
            student_ids: number[];
            /**
             * University Id
             * @description Staff name the university; a university is itself
             */
            university_id?: number | null;
        };
        /** PlacementRequestOut */
        PlacementRequestOut: {
            /** Candidates */
            candidates: components["schemas"]["PlacementCandidateOut"][];
            /** Comment */
            comment: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Ends On */
            ends_on: string | null;
            /** Id */
            id: number;
            /** Offers */
            offers: components["schemas"]["OfferOut"][];
            /** Places */
            places: number;
            /** Specialty */
            specialty: string;
            /** Starts On */
            starts_on: string | null;
            status: components["schemas"]["PlacementStatus"];
            /** University Id */
            university_id: number;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /**
         * PlacementStatus
         * @enum {string}
         */
        PlacementStatus: "open" | "answered" | "closed";
        /**
         * PortalNewUsers
         * @description Who a person of the portal becomes here the first time they open the app inside Bitrix24.
         * @enum {string}
         */
        PortalNewUsers: "by_portal_role" | "managers" | "ask_admin";
        /** PortalOut */
        PortalOut: {
            /** Auth Mode */
            auth_mode?: string | null;
            /** Connected */
            connected: boolean;
            /** @description A deletion check waiting for an administrator (POST /bitrix24/deletions/approve) */
            deletion_hold?: components["schemas"]["DeletionHoldOut"] | null;
            /** Domain */
            domain?: string | null;
            /** Installed At */
            installed_at?: string | null;
            /**
             * Is Active
             * @default false
             */
            is_active?: boolean;
            /** Last Event At */
            last_event_at?: string | null;
            /** Last Reconciled At */
            last_reconciled_at?: string | null;
            /**
             * Mapping Complete
             * @default false
             */
            mapping_complete?: boolean;
            /** @description Who a person of the portal becomes on first opening the app inside Bitrix24 */
            new_users?: components["schemas"]["PortalNewUsers"] | null;
            queue?: components["schemas"]["QueueOut"] | null;
            /**
             * Sandbox
             * @default false
             */
            sandbox?: boolean;
            /** @description Set while the worker's rounds fail */
            sync_error?: components["schemas"]["SyncErrorOut"] | null;
        };
        /** PortalSettingsIn */
        PortalSettingsIn: {
            /** @description by_portal_role: the portal's administrators become admins, others managers; managers: everyone a manager; ask_admin: a new person waits, inactive, until an admin turns their account on */
            new_users: components["schemas"]["PortalNewUsers"];
        };
        /** @description RFC 9457 problem details; `code` is stable for a client to translate */
        Problem: {
            allowed?: string[];
            code: string;
            detail?: string;
            errors?: {
                code?: string;
                field?: string;
                in?: string;
                message: string;
                type?: string;
            }[];
            retry_after?: number;
            sortable?: string[];
            status: number;
            title: string;
            type: string;
        } & {
            [key: string]: unknown;
        };
        /** PublicApplicationCreated */
        PublicApplicationCreated: {
            /** Id */
            id: number;
            status: components["schemas"]["ApplicationStatus"];
            /** Status Url */
            status_url: string;
            /**
             * Token
             * @description The private status link's token; shown once, stored only as a hash
             */
            token: string;
        };
        /**
         * PublicApplicationForm
         * @description The catalogue's application form (multipart/form-data).
         */
        PublicApplicationForm: {
            /**
             * Consent
             * @description Consent to personal-data processing; must be true
             */
            consent: boolean;
            /**
             * Consent Version
             * @description Version of the text shown; default current
             */
            consent_version?: string | null;
            /** Course */
            course?: number | null;
            /** Cover Letter */
            cover_letter?: string | null;
            /**
             * Cv
             * @description PDF or DOCX
             */
            cv?: string | null;
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Full Name */
            full_name: string;
            /**
             * Locale
             * @default ru
             * @enum {string}
             */
            locale?: "ru" | "en";
            /** Opening Id */
            opening_id: number;
            /** Phone */
            phone?: string | null;
            /** Skills */
            skills?: string[];
            /** Specialty */
            specialty?: string | null;
            /**
             * University
             * @description Or the university's name or short name
             */
            university?: string | null;
            /**
             * University Id
             * @description From public-universities-list
             */
            university_id?: number | null;
        };
        /** PublicApplicationStatus */
        PublicApplicationStatus: {
            /**
             * Applied At
             * Format: date-time
             */
            applied_at: string;
            /** Company Name */
            company_name: string;
            /** History */
            history: components["schemas"]["PublicStatusStep"][];
            /** Opening Title */
            opening_title: string;
            /** Rejection Reason */
            rejection_reason: string | null;
            status: components["schemas"]["ApplicationStatus"];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** PublicCityOut */
        PublicCityOut: {
            /** City */
            city: string;
            /**
             * Openings
             * @description Open openings there
             */
            openings: number;
        };
        /** PublicOpeningOut */
        PublicOpeningOut: {
            /** City */
            city: string | null;
            /** Company Id */
            company_id: number;
            /** Company Name */
            company_name: string;
            /** Description */
            description: string;
            /**
             * Ended
             * @description Past its end date: takes no applications
             */
            ended: boolean;
            /** Ends On */
            ends_on: string | null;
            format: components["schemas"]["WorkFormat"];
            /** Free Slots */
            free_slots: number;
            /** Id */
            id: number;
            kind: components["schemas"]["OpeningKind"];
            /** Skills */
            skills: string[];
            /** Slots */
            slots: number;
            /** Starts On */
            starts_on: string | null;
            /** Title */
            title: string;
        };
        /** PublicStatusStep */
        PublicStatusStep: {
            /**
             * Changed At
             * Format: date-time
             */
            changed_at: string;
            status: components["schemas"]["ApplicationStatus"];
        };
        /** PublicUniversityOut */
        PublicUniversityOut: {
            /** City */
            city: string | null;
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Short Name */
            short_name: string | null;
        };
        /** QueueItemOut */
        QueueItemOut: {
            /** Attempts */
            attempts: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Due At
             * Format: date-time
             */
            due_at: string;
            /** Entity Id */
            entity_id: number;
            /** Entity Type */
            entity_type: string;
            /** Id */
            id: number;
            /** Last Error */
            last_error: string | null;
        };
        /** QueueOut */
        QueueOut: {
            /**
             * Conflicts
             * @description Records Bitrix24 holds that cannot be applied here (GET /bitrix24/conflicts)
             */
            conflicts: number;
            /** Dirty */
            dirty: number;
            /** Failed */
            failed: number;
            /** Oldest Pending Seconds */
            oldest_pending_seconds: number | null;
            /** Pending */
            pending: number;
        };
        /** RemoteRecord */
        RemoteRecord: {
            /** Remote Id */
            remote_id: number;
            /**
             * Remote Type
             * @enum {string}
             */
            remote_type: "company" | "contact" | "deal";
        };
        /**
         * ReportFormat
         * @enum {string}
         */
        ReportFormat: "xlsx" | "pdf";
        /** ReportIn */
        ReportIn: {
            /** Date From */
            date_from?: string | null;
            /** Date To */
            date_to?: string | null;
            /**
             * Deliver Bitrix24
             * @description Notify the responsible manager in Bitrix24
             * @default false
             */
            deliver_bitrix24?: boolean;
            /**
             * Deliver Email
             * @description E-mail it to the university's or company's contact
             * @default false
             */
            deliver_email?: boolean;
            /** @default xlsx */
            format?: components["schemas"]["ReportFormat"];
            kind: components["schemas"]["ReportKind"];
            /**
             * Subject Id
             * @description The university or company; none for overall
             */
            subject_id?: number | null;
        };
        /**
         * ReportKind
         * @enum {string}
         */
        ReportKind: "university" | "company" | "overall";
        /** ReportOut */
        ReportOut: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Date From */
            date_from: string | null;
            /** Date To */
            date_to: string | null;
            /** Deliver Bitrix24 */
            deliver_bitrix24: boolean;
            /** Deliver Email */
            deliver_email: boolean;
            /** Delivery */
            delivery: {
                [key: string]: unknown;
            };
            /** Delivery Error */
            delivery_error: string | null;
            /** Error */
            error: string | null;
            /** Finished At */
            finished_at: string | null;
            format: components["schemas"]["ReportFormat"];
            /** Id */
            id: number;
            kind: components["schemas"]["ReportKind"];
            /**
             * Progress
             * @description 0 to 100
             */
            progress: number;
            /** Schedule Id */
            schedule_id: number | null;
            /** Size */
            size: number | null;
            /** Started At */
            started_at: string | null;
            status: components["schemas"]["ReportStatus"];
            /** Subject Id */
            subject_id: number | null;
            /** Title */
            title: string;
        };
        /**
         * ReportStatus
         * @enum {string}
         */
        ReportStatus: "queued" | "running" | "done" | "failed";
        /**
         * Role
         * @enum {string}
         */
        Role: "admin" | "manager" | "university" | "recruiter" | "student";
        /** RouteOut */
        RouteOut: {
            /** Bitrix24 Category Id */
            bitrix24_category_id: number | null;
            /**
             * Routed At
             * Format: date-time
             */
            routed_at: string;
            /** Rule Id */
            rule_id: number | null;
            /** Rule Name */
            rule_name: string;
            /** Tags */
            tags: string[];
            /** Team Id */
            team_id: number | null;
        };
        /** RuleIn */
        RuleIn: {
            actions?: components["schemas"]["Actions"];
            conditions?: components["schemas"]["Conditions"];
            /**
             * Enabled
             * @default true
             */
            enabled?: boolean;
            /** Name */
            name: string;
            /**
             * Position
             * @description 1 = checked first; default: last
             */
            position?: number | null;
        };
        /** RuleOut */
        RuleOut: {
            actions: components["schemas"]["Actions"];
            conditions: components["schemas"]["Conditions"];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Enabled */
            enabled: boolean;
            /** Id */
            id: number;
            /** Is Default */
            is_default: boolean;
            /** Name */
            name: string;
            /** Position */
            position: number;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** RulePatch */
        RulePatch: {
            actions?: components["schemas"]["Actions"];
            conditions?: components["schemas"]["Conditions"];
            /** Enabled */
            enabled?: boolean;
            /** Name */
            name?: string;
            /** Position */
            position?: number;
        };
        /** RunOut */
        RunOut: {
            /**
             * Reports
             * @description How many reports the run queued
             */
            reports: number;
        };
        /** ScheduleIn */
        ScheduleIn: {
            cadence: components["schemas"]["Cadence"];
            /**
             * Cron
             * @description Cron expression (UTC) when cadence is cron
             */
            cron?: string | null;
            /**
             * Deliver Bitrix24
             * @default true
             */
            deliver_bitrix24?: boolean;
            /**
             * Deliver Email
             * @default true
             */
            deliver_email?: boolean;
            /**
             * Enabled
             * @default true
             */
            enabled?: boolean;
            /** @default xlsx */
            format?: components["schemas"]["ReportFormat"];
            kind: components["schemas"]["ReportKind"];
            /** Name */
            name: string;
            /**
             * Subject Id
             * @description None with university or company: one for each of them
             */
            subject_id?: number | null;
        };
        /** ScheduleOut */
        ScheduleOut: {
            cadence: components["schemas"]["Cadence"];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Cron */
            cron: string | null;
            /** Deliver Bitrix24 */
            deliver_bitrix24: boolean;
            /** Deliver Email */
            deliver_email: boolean;
            /** Enabled */
            enabled: boolean;
            format: components["schemas"]["ReportFormat"];
            /** Id */
            id: number;
            kind: components["schemas"]["ReportKind"];
            /** Last Run At */
            last_run_at: string | null;
            /** Name */
            name: string;
            /**
             * Next Run At
             * Format: date-time
             */
            next_run_at: string;
            /** Subject Id */
            subject_id: number | null;
        };
        /** SchedulePatch */
        SchedulePatch: {
            /** Deliver Bitrix24 */
            deliver_bitrix24?: boolean;
            /** Deliver Email */
            deliver_email?: boolean;
            /** Enabled */
            enabled?: boolean;
            format?: components["schemas"]["ReportFormat"];
            /** Name */
            name?: string;
        };
        /**
         * SettingsOut
         * @description How this installation is set up, for an administrator to check (set by INTERNHUB_* variables).
         */
        SettingsOut: {
            bitrix24: components["schemas"]["Bitrix24SettingsOut"];
            /** Catalogue Url */
            catalogue_url: string;
            /** Cv Retention Days */
            cv_retention_days: number;
            /** Mail From */
            mail_from: string;
            /**
             * Mail Mode
             * @enum {string}
             */
            mail_mode: "outbox" | "smtp";
            /**
             * Personal Data Erase Bitrix24
             * @enum {string}
             */
            personal_data_erase_bitrix24: "clear" | "delete";
            /**
             * Public Url
             * @description Where links in mails and Bitrix24 lead
             */
            public_url: string;
            /** Session Idle Minutes */
            session_idle_minutes: number;
            /** Session Ttl Hours */
            session_ttl_hours: number;
            /** Smtp Host */
            smtp_host: string;
            workspace: components["schemas"]["WorkspaceOut"];
        };
        /** Share */
        Share: {
            /** Applications */
            applications: number;
            /** Hires */
            hires: number;
            /** Id */
            id?: number | null;
            /** Key */
            key: string;
        };
        /** SkillOut */
        SkillOut: {
            /** Count */
            count: number;
            /** Skill */
            skill: string;
        };
        /** SkillsOut */
        SkillsOut: {
            /**
             * Demanded
             * @description Skills of active openings, most asked for first
             */
            demanded: components["schemas"]["SkillOut"][];
            /**
             * Offered
             * @description Skills of registered students, most common first
             */
            offered: components["schemas"]["SkillOut"][];
        };
        /** StageOut */
        StageOut: {
            /**
             * Conversion
             * @description Share of the previous stage's count
             */
            conversion: number | null;
            /**
             * Conversion From Applied
             * @description Share of the applications made
             */
            conversion_from_applied: number | null;
            /** Count */
            count: number;
            /** Stage */
            stage: string;
        };
        /** StatusChangeOut */
        StatusChangeOut: {
            /** Actor */
            actor: string;
            /**
             * Changed At
             * Format: date-time
             */
            changed_at: string;
            /** Changed By Id */
            changed_by_id: number | null;
            from_status: components["schemas"]["ApplicationStatus"] | null;
            /** Id */
            id: number;
            /** Reason */
            reason: string | null;
            source: components["schemas"]["ApplicationSource"];
            to_status: components["schemas"]["ApplicationStatus"];
        };
        /** Step */
        Step: {
            /**
             * Causes
             * @description The same reasons as codes and values, in the same order
             */
            causes: components["schemas"]["Cause"][];
            /**
             * Chosen
             * @description The rule that decides (the first match)
             */
            chosen: boolean;
            /** Enabled */
            enabled: boolean;
            /**
             * Matched
             * @description Every condition holds
             */
            matched: boolean;
            /** Name */
            name: string;
            /** Position */
            position: number;
            /**
             * Reasons
             * @description Why it does not match, or why it was not chosen
             */
            reasons: string[];
            /** Rule Id */
            rule_id: number;
        };
        /** StudentGroup */
        StudentGroup: {
            /** Applied */
            applied: number;
            /** Key */
            key: string;
            /** Placed */
            placed: number;
            /** Students */
            students: number;
        };
        /** StudentImportOut */
        StudentImportOut: {
            /**
             * Created
             * @description Rows registered, or that would be in a dry run
             */
            created: number;
            /** Dry Run */
            dry_run: boolean;
            /** Failed */
            failed: number;
            /** Rows */
            rows: components["schemas"]["StudentImportRow"][];
            /** Total */
            total: number;
        };
        /** StudentImportRow */
        StudentImportRow: {
            /** Email */
            email: string;
            /** Error */
            error?: string | null;
            /**
             * Errors
             * @description Field errors: field and message
             */
            errors?: {
                [key: string]: unknown;
            }[] | null;
            /**
             * Existing Id
             * @description The student who already has this e-mail
             */
            existing_id?: number | null;
            /** Ok */
            ok: boolean;
            /**
             * Row
             * @description Line of the file (1 is the header)
             */
            row: number;
            /**
             * Status
             * @description The HTTP status this row alone would have got
             */
            status?: number | null;
            /**
             * Student Id
             * @description The student registered (not in a dry run)
             */
            student_id?: number | null;
        };
        /** StudentIn */
        StudentIn: {
            /** Bitrix24 Contact Id */
            bitrix24_contact_id?: number | null;
            /**
             * Consent Version
             * @description Version of the personal-data consent text the student accepted
             */
            consent_version?: string | null;
            /** Course */
            course: number;
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Full Name */
            full_name: string;
            /** Phone */
            phone?: string | null;
            /** Skills */
            skills?: string[];
            /** Specialty */
            specialty?: string | null;
            /** University Id */
            university_id: number;
        };
        /**
         * StudentOfferOut
         * @description An internship a request naming the student was offered to.
         */
        StudentOfferOut: {
            /** Company Id */
            company_id: number;
            /** Company Name */
            company_name: string;
            /** Id */
            id: number;
            /** Opening Id */
            opening_id: number;
            /** Opening Title */
            opening_title: string;
            status: components["schemas"]["OfferStatus"];
        };
        /** StudentOut */
        StudentOut: {
            /** Bitrix24 Contact Id */
            bitrix24_contact_id: number | null;
            /** Consent At */
            consent_at: string | null;
            /** Consent Version */
            consent_version: string | null;
            /** Course */
            course: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Email */
            email: string;
            /** Full Name */
            full_name: string;
            /** Id */
            id: number;
            /** Phone */
            phone: string | null;
            /** Skills */
            skills: string[];
            /** Specialty */
            specialty: string | null;
            /** @description Bitrix24 sync state; null when never synced */
            sync?: components["schemas"]["SyncOut"] | null;
            /** University Id */
            university_id: number;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** StudentPatch */
        StudentPatch: {
            /** Bitrix24 Contact Id */
            bitrix24_contact_id?: number | null;
            /**
             * Consent Version
             * @description Version of the personal-data consent text the student accepted
             */
            consent_version?: string | null;
            /** Course */
            course?: number;
            /**
             * Email
             * Format: email
             */
            email?: string;
            /** Full Name */
            full_name?: string;
            /** Phone */
            phone?: string | null;
            /** Skills */
            skills?: string[];
            /** Specialty */
            specialty?: string | null;
            /** University Id */
            university_id?: number;
        };
        /**
         * StudentPlacementOut
         * @description A placement request that names the student: where it was offered and what became of the student.
         */
        StudentPlacementOut: {
            /**
             * Application Id
             * @description The application made when a company took the student
             */
            application_id: number | null;
            /** Ends On */
            ends_on: string | null;
            /**
             * Offer Id
             * @description The offer that took the student
             */
            offer_id: number | null;
            /** Offers */
            offers: components["schemas"]["StudentOfferOut"][];
            /** Request Id */
            request_id: number;
            request_status: components["schemas"]["PlacementStatus"];
            /** Specialty */
            specialty: string;
            /** Starts On */
            starts_on: string | null;
            /** @description The student's own outcome in the request */
            status: components["schemas"]["CandidateStatus"];
        };
        /** SyncErrorOut */
        SyncErrorOut: {
            /**
             * Failures
             * @description Rounds failed in a row; the pause doubles with each, up to 15 minutes
             */
            failures: number;
            /**
             * Message
             * @description Why the last rounds failed, as the portal or the worker said it
             */
            message: string;
            /**
             * Next Attempt At
             * @description Until then the worker leaves the portal alone
             */
            next_attempt_at: string | null;
            /** Since */
            since: string | null;
        };
        /** SyncOut */
        SyncOut: {
            /** Error */
            error: string | null;
            /** @description pending: waiting to reach Bitrix24; synced; failed: see error */
            status: components["schemas"]["SyncStatus"];
            /** Synced At */
            synced_at: string | null;
        };
        /**
         * SyncStatus
         * @enum {string}
         */
        SyncStatus: "pending" | "synced" | "failed" | "conflict";
        /** TeamIn */
        TeamIn: {
            /** Member Ids */
            member_ids: number[];
            /** Name */
            name: string;
            /** @default round_robin */
            strategy?: components["schemas"]["TeamStrategy"];
        };
        /** TeamOut */
        TeamOut: {
            /** Id */
            id: number;
            /** Member Ids */
            member_ids: number[];
            /** Name */
            name: string;
            strategy: components["schemas"]["TeamStrategy"];
        };
        /** TeamPatch */
        TeamPatch: {
            /** Member Ids */
            member_ids?: number[];
            /** Name */
            name?: string;
            strategy?: components["schemas"]["TeamStrategy"];
        };
        /**
         * TeamStrategy
         * @enum {string}
         */
        TeamStrategy: "round_robin" | "least_loaded";
        /** TimeToHireOut */
        TimeToHireOut: {
            /**
             * Stages
             * @description Whole days from applying to entering each stage, for the entries in the period
             */
            stages: components["schemas"]["DurationOut"][];
        };
        /** TrendPoint */
        TrendPoint: {
            /** Applications */
            applications: number;
            /** Hires */
            hires: number;
            /** New Openings */
            new_openings: number;
            /**
             * Period
             * Format: date
             * @description The Monday of the week or the first of the month
             */
            period: string;
        };
        /** TrendsOut */
        TrendsOut: {
            /** Interval */
            interval: string;
            /** Points */
            points: components["schemas"]["TrendPoint"][];
        };
        /** UniversityAnalytics */
        UniversityAnalytics: {
            /** Applications */
            applications: number;
            /** By Course */
            by_course: components["schemas"]["StudentGroup"][];
            /** By Specialty */
            by_specialty: components["schemas"]["StudentGroup"][];
            /** Hires */
            hires: number;
            /** Name */
            name: string;
            /**
             * Openings Applied
             * @description Openings its students applied to in the period
             */
            openings_applied: number;
            /**
             * Openings Completed
             * @description Of those, openings now completed
             */
            openings_completed: number;
            /**
             * Placement Rate
             * @description students_placed / students_total
             */
            placement_rate: number | null;
            /**
             * Students Applied
             * @description Students who applied in the period
             */
            students_applied: number;
            /**
             * Students Placed
             * @description Students hired in the period
             */
            students_placed: number;
            /**
             * Students Total
             * @description Registered students now
             */
            students_total: number;
            /** Top Employers */
            top_employers: components["schemas"]["Employer"][];
            /** University Id */
            university_id: number;
        };
        /** UniversityBatchIn */
        UniversityBatchIn: {
            /** Opening Id */
            opening_id: number;
            /** Students */
            students: components["schemas"]["PersonIn"][];
        };
        /** UniversityIn */
        UniversityIn: {
            /** Bitrix24 Company Id */
            bitrix24_company_id?: number | null;
            /** City */
            city?: string | null;
            /** Contact Email */
            contact_email?: string | null;
            /** Name */
            name: string;
            /** Short Name */
            short_name?: string | null;
        };
        /** UniversityItemResult */
        UniversityItemResult: {
            /** Allowed */
            allowed?: string[] | null;
            /** Application Id */
            application_id?: number | null;
            /**
             * Code
             * @description The problem's stable code, as a whole request would have it
             */
            code?: string | null;
            /** Email */
            email: string;
            /** Error */
            error?: string | null;
            /** Errors */
            errors?: {
                [key: string]: unknown;
            }[] | null;
            /** Existing Id */
            existing_id?: number | null;
            /** Index */
            index: number;
            /** Ok */
            ok: boolean;
            /**
             * Status
             * @description The HTTP status this item alone would have got
             */
            status?: number | null;
            /**
             * Status Token
             * @description The applicant's private status link token
             */
            status_token?: string | null;
            /** Student Created */
            student_created?: boolean | null;
            /** Student Id */
            student_id?: number | null;
        };
        /** UniversityOut */
        UniversityOut: {
            /** Bitrix24 Company Id */
            bitrix24_company_id: number | null;
            /** City */
            city: string | null;
            /** Contact Email */
            contact_email: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Short Name */
            short_name: string | null;
            /** @description Bitrix24 sync state; null when never synced */
            sync?: components["schemas"]["SyncOut"] | null;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** UniversityPatch */
        UniversityPatch: {
            /** Bitrix24 Company Id */
            bitrix24_company_id?: number | null;
            /** City */
            city?: string | null;
            /** Contact Email */
            contact_email?: string | null;
            /** Name */
            name?: string;
            /** Short Name */
            short_name?: string | null;
        };
        /** UserIn */
        UserIn: {
            /** Bitrix24 User Id */
            bitrix24_user_id?: number | null;
            /** Company Id */
            company_id?: number | null;
            /**
             * Email
             * Format: email
             */
            email: string;
            /**
             * Full Name
             * @default
             */
            full_name?: string;
            /** Password */
            password: string;
            role: components["schemas"]["Role"];
            /** Student Id */
            student_id?: number | null;
            /** University Id */
            university_id?: number | null;
        };
        /** UserOut */
        UserOut: {
            /**
             * Bitrix24 User Id
             * @description The user's id in the Bitrix24 portal (ASSIGNED_BY_ID)
             */
            bitrix24_user_id: number | null;
            /** Company Id */
            company_id: number | null;
            /** Email */
            email: string;
            /** Full Name */
            full_name: string;
            /** Id */
            id: number;
            /** Is Active */
            is_active: boolean;
            role: components["schemas"]["Role"];
            /** Student Id */
            student_id: number | null;
            /** University Id */
            university_id: number | null;
        };
        /** UserPatch */
        UserPatch: {
            /**
             * Bitrix24 User Id
             * @description null unlinks the user
             */
            bitrix24_user_id?: number | null;
            /**
             * Company Id
             * @description With role: the recruiter's company
             */
            company_id?: number | null;
            /** Full Name */
            full_name?: string;
            /** Is Active */
            is_active?: boolean;
            /** Password */
            password?: string;
            /** @description A new role, with the university or company it needs (or none) */
            role?: components["schemas"]["Role"];
            /**
             * Student Id
             * @description With role: the student's record
             */
            student_id?: number | null;
            /**
             * University Id
             * @description With role: the coordinator's university
             */
            university_id?: number | null;
        };
        /**
         * WorkFormat
         * @enum {string}
         */
        WorkFormat: "office" | "remote" | "hybrid";
        /** WorkspaceOut */
        WorkspaceOut: {
            /** Bitrix24 Domain */
            bitrix24_domain: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Slug */
            slug: string;
        };
        /** WorkspacePatch */
        WorkspacePatch: {
            /**
             * Name
             * @description The organisation's name, as people and mails see it
             */
            name: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "analytics-company": {
        parameters: {
            query?: {
                /** @description Openings of this company only */
                company_id?: number | null;
                /** @description First day of the period (UTC), inclusive */
                date_from?: string | null;
                /** @description Last day of the period (UTC), inclusive */
                date_to?: string | null;
                kind?: components["schemas"]["OpeningKind"] | null;
                /** @description Students of this university only */
                university_id?: number | null;
            };
            header?: never;
            path: {
                company_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanyAnalytics"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "analytics-distribution": {
        parameters: {
            query?: {
                /** @description Openings of this company only */
                company_id?: number | null;
                /** @description First day of the period (UTC), inclusive */
                date_from?: string | null;
                /** @description Last day of the period (UTC), inclusive */
                date_to?: string | null;
                kind?: components["schemas"]["OpeningKind"] | null;
                /** @description How many rows each ranking returns */
                limit?: number;
                /** @description Students of this university only */
                university_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DistributionOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "analytics-funnel": {
        parameters: {
            query?: {
                /** @description Openings of this company only */
                company_id?: number | null;
                /** @description First day of the period (UTC), inclusive */
                date_from?: string | null;
                /** @description Last day of the period (UTC), inclusive */
                date_to?: string | null;
                kind?: components["schemas"]["OpeningKind"] | null;
                /** @description Students of this university only */
                university_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FunnelOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "analytics-overview": {
        parameters: {
            query?: {
                /** @description Openings of this company only */
                company_id?: number | null;
                /** @description First day of the period (UTC), inclusive */
                date_from?: string | null;
                /** @description Last day of the period (UTC), inclusive */
                date_to?: string | null;
                kind?: components["schemas"]["OpeningKind"] | null;
                /** @description Students of this university only */
                university_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OverviewOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "analytics-skills": {
        parameters: {
            query?: {
                /** @description Openings of this company only */
                company_id?: number | null;
                /** @description First day of the period (UTC), inclusive */
                date_from?: string | null;
                /** @description Last day of the period (UTC), inclusive */
                date_to?: string | null;
                kind?: components["schemas"]["OpeningKind"] | null;
                /** @description How many rows each ranking returns */
                limit?: number;
                /** @description Students of this university only */
                university_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkillsOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "analytics-time-to-hire": {
        parameters: {
            query?: {
                /** @description Openings of this company only */
                company_id?: number | null;
                /** @description First day of the period (UTC), inclusive */
                date_from?: string | null;
                /** @description Last day of the period (UTC), inclusive */
                date_to?: string | null;
                kind?: components["schemas"]["OpeningKind"] | null;
                /** @description Students of this university only */
                university_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimeToHireOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "analytics-trends": {
        parameters: {
            query?: {
                /** @description Openings of this company only */
                company_id?: number | null;
                /** @description First day of the period (UTC), inclusive */
                date_from?: string | null;
                /** @description Last day of the period (UTC), inclusive */
                date_to?: string | null;
                interval?: "week" | "month";
                kind?: components["schemas"]["OpeningKind"] | null;
                /** @description Students of this university only */
                university_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrendsOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "analytics-university": {
        parameters: {
            query?: {
                /** @description Openings of this company only */
                company_id?: number | null;
                /** @description First day of the period (UTC), inclusive */
                date_from?: string | null;
                /** @description Last day of the period (UTC), inclusive */
                date_to?: string | null;
                kind?: components["schemas"]["OpeningKind"] | null;
                /** @description Students of this university only */
                university_id?: number | null;
            };
            header?: never;
            path: {
                university_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UniversityAnalytics"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "api-keys-revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "applications-list": {
        parameters: {
            query?: {
                /** @description Applied on or after this day (UTC) */
                applied_from?: string | null;
                /** @description Applied on or before this day (UTC) */
                applied_to?: string | null;
                assignee_id?: number | null;
                company_id?: number | null;
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                kind?: components["schemas"]["OpeningKind"] | null;
                /** @description Items per page */
                limit?: number;
                opening_id?: number | null;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
                source?: components["schemas"]["ApplicationSource"] | null;
                status?: components["schemas"]["ApplicationStatus"] | null;
                student_id?: number | null;
                university_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ApplicationOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "applications-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApplicationIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "applications-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "applications-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "applications-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApplicationPatch"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "applications-candidate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CandidateOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "applications-cv": {
        parameters: {
            query?: {
                /** @description As a file to save rather than to view in the browser */
                download?: boolean;
            };
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The CV as uploaded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": unknown;
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": unknown;
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "applications-history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusChangeOut"][];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "applications-sync": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entity_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "applications-bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkItemResult"][];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "applications-counts": {
        parameters: {
            query?: {
                /** @description Applied on or after this day (UTC) */
                applied_from?: string | null;
                /** @description Applied on or before this day (UTC) */
                applied_to?: string | null;
                assignee_id?: number | null;
                company_id?: number | null;
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                kind?: components["schemas"]["OpeningKind"] | null;
                /** @description Items per page */
                limit?: number;
                opening_id?: number | null;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
                source?: components["schemas"]["ApplicationSource"] | null;
                status?: components["schemas"]["ApplicationStatus"] | null;
                student_id?: number | null;
                university_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: number;
                    };
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "applications-university-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UniversityBatchIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UniversityItemResult"][];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "applications-import": {
        parameters: {
            query?: {
                /** @description Check every row and keep nothing */
                dry_run?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_applications-import"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportRowResult"][];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "assignees-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssigneeOut"][];
                };
            };
        };
    };
    "audit-list": {
        parameters: {
            query?: {
                actor_id?: number | null;
                actor_kind?: components["schemas"]["ActorKind"] | null;
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                /** @description On or after this day (UTC) */
                date_from?: string | null;
                /** @description On or before this day (UTC) */
                date_to?: string | null;
                entity_id?: number | null;
                entity_type?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AuditOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth-login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth-logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    "auth-me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeOut"];
                };
            };
        };
    };
    "bitrix24-app-open": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    "bitrix24-conflicts-list": {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConflictsOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "bitrix24-conflicts-retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RemoteRecord"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "bitrix24-connection-get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionOut"] | null;
                };
            };
        };
    };
    "bitrix24-connection-plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionOut"];
                };
            };
        };
    };
    "bitrix24-connection-accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionOut"];
                };
            };
        };
    };
    "bitrix24-connection-items": {
        parameters: {
            query?: {
                action?: ("link" | "create_here" | "conflict") | null;
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ConnectionItemOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "bitrix24-deletions-get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletionHoldOut"] | null;
                };
            };
        };
    };
    "bitrix24-deletions-approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletionHoldOut"];
                };
            };
        };
    };
    "bitrix24-events-list": {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_EventOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "bitrix24-events-receive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
        };
    };
    "bitrix24-install": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    "bitrix24-mapping-get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Mapping"];
                };
            };
        };
    };
    "bitrix24-mapping-update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Mapping"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Mapping"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "bitrix24-pipelines-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PipelineOut"][];
                };
            };
        };
    };
    "bitrix24-portal-get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalOut"];
                };
            };
        };
    };
    "bitrix24-portal-update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PortalSettingsIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "bitrix24-queue-list": {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
                /** @description failed: retried without success */
                state?: ("pending" | "failed") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_QueueItemOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "bitrix24-reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
        };
    };
    "bitrix24-records-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                remote_id: number;
                remote_type: "company" | "contact" | "deal";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkedRecordOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "bitrix24-robots-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
        };
    };
    "companies-list": {
        parameters: {
            query?: {
                /** @description Exact city */
                city?: string | null;
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                /** @description Exact industry */
                industry?: string | null;
                /** @description Exact INN */
                inn?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_CompanyOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "companies-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompanyIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanyOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "companies-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                company_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanyOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "companies-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                company_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "companies-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                company_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompanyPatch"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanyOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "companies-sync": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entity_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "mail-list": {
        parameters: {
            query?: {
                application_id?: number | null;
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
                status?: components["schemas"]["MailStatus"] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_MailOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "openings-list": {
        parameters: {
            query?: {
                /** @description City (any case) */
                city?: string | null;
                company_id?: number | null;
                /** @description Only openings not past their end date */
                current?: boolean;
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                format?: components["schemas"]["WorkFormat"] | null;
                kind?: components["schemas"]["OpeningKind"] | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Words that must each appear in the title, a skill, the city or the company's name */
                q?: string | null;
                /** @description Openings asking for every one of these skills */
                skills?: string[];
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
                /** @description Starting on or after this day */
                starts_from?: string | null;
                /** @description Starting on or before this day */
                starts_to?: string | null;
                status?: components["schemas"]["OpeningStatus"] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_OpeningOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "openings-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpeningIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpeningOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "openings-sync": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entity_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "openings-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opening_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpeningOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "openings-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opening_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "openings-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opening_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpeningPatch"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpeningOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "partnerships-list": {
        parameters: {
            query?: {
                /** @description Only agreements valid on this day */
                active_on?: string | null;
                company_id?: number | null;
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
                university_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_PartnershipOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "partnerships-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartnershipIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnershipOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "partnerships-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnership_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnershipOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "partnerships-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnership_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "partnerships-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnership_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartnershipPatch"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnershipOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "placement-requests-list": {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
                status?: components["schemas"]["PlacementStatus"] | null;
                university_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_PlacementRequestOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "placement-requests-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlacementRequestIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementRequestOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "placement-requests-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                request_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementRequestOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "placement-offers-decide": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                offer_id: number;
                request_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementRequestOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "public-applications-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["PublicApplicationForm"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicApplicationCreated"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "public-applications-status": {
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
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicApplicationStatus"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "public-cities-list": {
        parameters: {
            query?: {
                /** @description The workspace's catalogue; the installation's own when absent */
                workspace?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicCityOut"][];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "public-consent-get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentOut"];
                };
            };
        };
    };
    "public-openings-list": {
        parameters: {
            query?: {
                /** @description City (any case) */
                city?: string | null;
                company_id?: number | null;
                /** @description The catalogue shows openings not past their end only */
                current?: true;
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                format?: components["schemas"]["WorkFormat"] | null;
                kind?: components["schemas"]["OpeningKind"] | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Words that must each appear in the title, a skill, the city or the company's name */
                q?: string | null;
                /** @description Openings asking for every one of these skills */
                skills?: string[];
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
                /** @description Starting on or after this day */
                starts_from?: string | null;
                /** @description Starting on or before this day */
                starts_to?: string | null;
                /** @description The catalogue shows active openings only */
                status?: "active";
                /** @description The workspace's catalogue; the installation's own when absent */
                workspace?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_PublicOpeningOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "public-openings-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opening_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicOpeningOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "public-universities-list": {
        parameters: {
            query?: {
                q?: string | null;
                /** @description The workspace's catalogue; the installation's own when absent */
                workspace?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicUniversityOut"][];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "report-schedules-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleOut"][];
                };
            };
        };
    };
    "report-schedules-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "report-schedules-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                schedule_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "report-schedules-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                schedule_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SchedulePatch"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "report-schedules-run": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                schedule_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "reports-list": {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                kind?: components["schemas"]["ReportKind"] | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                schedule_id?: number | null;
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
                status?: components["schemas"]["ReportStatus"] | null;
                subject_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ReportOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "reports-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "reports-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                report_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "reports-download": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                report_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": unknown;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "routing-explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExplainIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Explanation"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "routing-rules-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleOut"][];
                };
            };
        };
    };
    "routing-rules-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuleIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "routing-rules-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "routing-rules-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "routing-rules-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RulePatch"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "routing-teams-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamOut"][];
                };
            };
        };
    };
    "routing-teams-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "routing-teams-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "routing-teams-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                team_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamPatch"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "settings-get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsOut"];
                };
            };
        };
    };
    "students-list": {
        parameters: {
            query?: {
                course?: number | null;
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                /** @description Students having every one of these skills */
                skills?: string[];
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
                /** @description Exact specialty */
                specialty?: string | null;
                university_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_StudentOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "students-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StudentIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudentOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "students-sync": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entity_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "students-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                student_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudentOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "students-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                student_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "students-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                student_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StudentPatch"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudentOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "students-erase": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                student_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudentOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "students-personal-data": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                student_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A ZIP: personal-data.json and the CVs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": unknown;
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "students-placements": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                student_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudentPlacementOut"][];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "students-import": {
        parameters: {
            query?: {
                /** @description Check every row and keep nothing */
                dry_run?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_students-import"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudentImportOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "universities-list": {
        parameters: {
            query?: {
                /** @description Exact city */
                city?: string | null;
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_UniversityOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "universities-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UniversityIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UniversityOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "universities-sync": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entity_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "universities-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                university_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UniversityOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "universities-delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                university_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "universities-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                university_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UniversityPatch"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UniversityOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "api-keys-list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                university_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyOut"][];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "api-keys-create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                university_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "universities-students-list": {
        parameters: {
            query?: {
                course?: number | null;
                /** @description Opaque cursor from a previous page's next_cursor */
                cursor?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description 1-based page number instead of a cursor */
                page?: number | null;
                /** @description Text search */
                q?: string | null;
                /** @description Students having every one of these skills */
                skills?: string[];
                /** @description Field to sort by; prefix with - for descending */
                sort?: string | null;
                /** @description Exact specialty */
                specialty?: string | null;
                university_id?: number | null;
            };
            header?: never;
            path: {
                university_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_StudentOut_"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "users-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"][];
                };
            };
        };
    };
    "users-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserIn"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "users-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "users-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserPatch"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workspace-get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceOut"];
                };
            };
        };
    };
    "workspace-update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkspacePatch"];
            };
        };
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceOut"];
                };
            };
            /** @description Some fields are invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "health-alive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
        };
    };
    "health-ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A problem the caller can act on */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
}
