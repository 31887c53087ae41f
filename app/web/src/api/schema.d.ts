// Generated from the API's OpenAPI document (GET /api/openapi.json) by `npm run gen:web-api`.
// Do not edit by hand: change the route schemas in app/server and regenerate.

export interface paths {
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with email and password
         * @description Returns an access token and a refresh token. Also sets the refresh token as an HttpOnly, SameSite=Strict cookie `datavis_refresh` (path /api/auth; Secure unless served over plain http) so browser UIs can keep tokens out of JavaScript. Repeated failures answer 429.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description JWT (HS256), send as Authorization: Bearer <token> */
                            accessToken: string;
                            /** @description Access token lifetime in seconds */
                            expiresIn: number;
                            /** @description Opaque, single use: each refresh returns a new one */
                            refreshToken: string;
                            /** @enum {string} */
                            tokenType: "Bearer";
                            /** Me */
                            user: {
                                email: string;
                                /** @description Positive integer id */
                                id: number;
                                /** @enum {string} */
                                role: "admin" | "analyst" | "viewer";
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a refresh token
         * @description Takes the token from the body or the `datavis_refresh` cookie, revokes it and clears the cookie. Without a token in the body or the cookie there is no session to refresh or end: the answer is 204 with no body, so a browser UI can ask on every page load without an error for signed-out visitors.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description refreshToken may be left out when the browser sends the HttpOnly `datavis_refresh` cookie (path /api/auth) instead. */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Opaque refresh token */
                        refreshToken?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new pair (the old token is revoked)
         * @description Takes the token from the body, or from the `datavis_refresh` cookie when the body has none. Also sets the refresh token as an HttpOnly, SameSite=Strict cookie `datavis_refresh` (path /api/auth; Secure unless served over plain http) so browser UIs can keep tokens out of JavaScript. Presenting an already used token revokes every session of the user and answers 401; a refused cookie is cleared. Without a token in the body or the cookie there is no session to refresh or end: the answer is 204 with no body, so a browser UI can ask on every page load without an error for signed-out visitors.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description refreshToken may be left out when the browser sends the HttpOnly `datavis_refresh` cookie (path /api/auth) instead. */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Opaque refresh token */
                        refreshToken?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description JWT (HS256), send as Authorization: Bearer <token> */
                            accessToken: string;
                            /** @description Access token lifetime in seconds */
                            expiresIn: number;
                            /** @description Opaque, single use: each refresh returns a new one */
                            refreshToken: string;
                            /** @enum {string} */
                            tokenType: "Bearer";
                            /** Me */
                            user: {
                                email: string;
                                /** @description Positive integer id */
                                id: number;
                                /** @enum {string} */
                                role: "admin" | "analyst" | "viewer";
                            };
                        };
                    };
                };
                /** @description No refresh token was presented: no session */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/charts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A chart */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            /** ChartEncoding */
                            encoding: {
                                /**
                                 * @description Groups the rows by x and series and aggregates each y; absent: rows as they are
                                 * @enum {string}
                                 */
                                aggregate?: "sum" | "avg" | "count" | "min" | "max";
                                /** @description At most this many rows, or x values when there is a series (1..5000, the default) */
                                limit?: number;
                                /** @description A column of the source, by its exact name */
                                series?: string;
                                /**
                                 * @description x-asc (default when there is an x), x-desc, y-asc or y-desc (by the first y)
                                 * @enum {string}
                                 */
                                sort?: "x-asc" | "x-desc" | "y-asc" | "y-desc";
                                /** @description A column of the source, by its exact name */
                                x?: string;
                                /** @description 1..10 columns */
                                y?: string[];
                            };
                            /** @description Positive integer id */
                            id: number;
                            /** @description Place on the dashboard, 0 first */
                            position: number;
                            /** @description Positive integer id */
                            projectId: number;
                            /**
                             * ChartSource
                             * @description Either {datasetId} or {sql}
                             */
                            source: {
                                /** @description Positive integer id */
                                datasetId?: number;
                                /** @description A read-only query over the project's datasets (one SELECT or WITH statement) */
                                sql?: string;
                            } | Record<string, never> | Record<string, never>;
                            title: string;
                            /**
                             * @description How the data is drawn
                             * @enum {string}
                             */
                            type: "bar" | "line" | "area" | "scatter" | "pie" | "heatmap" | "table" | "number";
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            /** @description Columns of the 12-column dashboard grid */
                            width: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a chart (owner, editors, admins) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a chart; each given field replaces the old one (owner, editors, admins)
         * @description A column the encoding names that the source does not have is 400 unknown_column naming it; a spec the chart type does not allow, 400 invalid_encoding; a {sql} source that is not one read-only query, 400 invalid_query; past QUERY_TIMEOUT_MS, 400 query_timeout.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** ChartEncoding */
                        encoding?: {
                            /**
                             * @description Groups the rows by x and series and aggregates each y; absent: rows as they are
                             * @enum {string}
                             */
                            aggregate?: "sum" | "avg" | "count" | "min" | "max";
                            /** @description At most this many rows, or x values when there is a series (1..5000, the default) */
                            limit?: number;
                            /** @description A column of the source, by its exact name */
                            series?: string;
                            /**
                             * @description x-asc (default when there is an x), x-desc, y-asc or y-desc (by the first y)
                             * @enum {string}
                             */
                            sort?: "x-asc" | "x-desc" | "y-asc" | "y-desc";
                            /** @description A column of the source, by its exact name */
                            x?: string;
                            /** @description 1..10 columns */
                            y?: string[];
                        };
                        /**
                         * ChartSource
                         * @description Either {datasetId} or {sql}
                         */
                        source?: {
                            /** @description Positive integer id */
                            datasetId?: number;
                            /** @description A read-only query over the project's datasets (one SELECT or WITH statement) */
                            sql?: string;
                        } | Record<string, never> | Record<string, never>;
                        /** @description Chart title (1..200 characters) */
                        title?: string;
                        /**
                         * @description How the data is drawn
                         * @enum {string}
                         */
                        type?: "bar" | "line" | "area" | "scatter" | "pie" | "heatmap" | "table" | "number";
                        /** @description Columns of the 12-column dashboard grid */
                        width?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            /** ChartEncoding */
                            encoding: {
                                /**
                                 * @description Groups the rows by x and series and aggregates each y; absent: rows as they are
                                 * @enum {string}
                                 */
                                aggregate?: "sum" | "avg" | "count" | "min" | "max";
                                /** @description At most this many rows, or x values when there is a series (1..5000, the default) */
                                limit?: number;
                                /** @description A column of the source, by its exact name */
                                series?: string;
                                /**
                                 * @description x-asc (default when there is an x), x-desc, y-asc or y-desc (by the first y)
                                 * @enum {string}
                                 */
                                sort?: "x-asc" | "x-desc" | "y-asc" | "y-desc";
                                /** @description A column of the source, by its exact name */
                                x?: string;
                                /** @description 1..10 columns */
                                y?: string[];
                            };
                            /** @description Positive integer id */
                            id: number;
                            /** @description Place on the dashboard, 0 first */
                            position: number;
                            /** @description Positive integer id */
                            projectId: number;
                            /**
                             * ChartSource
                             * @description Either {datasetId} or {sql}
                             */
                            source: {
                                /** @description Positive integer id */
                                datasetId?: number;
                                /** @description A read-only query over the project's datasets (one SELECT or WITH statement) */
                                sql?: string;
                            } | Record<string, never> | Record<string, never>;
                            title: string;
                            /**
                             * @description How the data is drawn
                             * @enum {string}
                             */
                            type: "bar" | "line" | "area" | "scatter" | "pie" | "heatmap" | "table" | "number";
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            /** @description Columns of the 12-column dashboard grid */
                            width: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/charts/{id}/data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A chart's data, computed over its source; cached until a dataset the source reads gets a new version
         * @description A column the encoding names that the source does not have is 400 unknown_column naming it; a spec the chart type does not allow, 400 invalid_encoding; a {sql} source that is not one read-only query, 400 invalid_query; past QUERY_TIMEOUT_MS, 400 query_timeout.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                /**
                                 * @description Groups the rows by x and series and aggregates each y; absent: rows as they are
                                 * @enum {string}
                                 */
                                aggregate?: "sum" | "avg" | "count" | "min" | "max";
                                /** @description The source column it comes from */
                                column: string;
                                /** @enum {string} */
                                kind: "number" | "string" | "temporal" | "boolean" | "other";
                                /** @description Label, e.g. "region" or "sum(revenue)" */
                                name: string;
                                /** @enum {string} */
                                role: "x" | "series" | "y" | "value";
                            }[];
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            computedAt: string;
                            rows: (string | number | boolean | null)[][];
                            /** @description The dataset versions the data was computed from, "<datasetId>@<version>" by dataset id, joined by commas ("" for a query that reads no dataset) */
                            sourceVersion: string;
                            truncated: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Counts over the projects the caller may see, in one request
         * @description Admins count every project; everyone else the projects they own or are a member of. Tasks by current status and by kind; datasets by format with their total size in bytes; tasks created per UTC day over the last `days` days (today included), by current status. Refetch it on task.*, dataset.* and project.* WebSocket events to keep a dashboard live.
         */
        get: {
            parameters: {
                query?: {
                    /** @description How many UTC days, today included, tasksCreatedPerDay covers (1..365) */
                    days?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            datasets: {
                                /** DatasetsByFormat */
                                byFormat: {
                                    /** DatasetFormatTotals */
                                    csv: {
                                        count: number;
                                        /** @description Sum of size_bytes (a JSON number: exact up to 2^53) */
                                        sizeBytes: number;
                                    };
                                    /** DatasetFormatTotals */
                                    delta: {
                                        count: number;
                                        /** @description Sum of size_bytes (a JSON number: exact up to 2^53) */
                                        sizeBytes: number;
                                    };
                                    /** DatasetFormatTotals */
                                    json: {
                                        count: number;
                                        /** @description Sum of size_bytes (a JSON number: exact up to 2^53) */
                                        sizeBytes: number;
                                    };
                                    /** DatasetFormatTotals */
                                    parquet: {
                                        count: number;
                                        /** @description Sum of size_bytes (a JSON number: exact up to 2^53) */
                                        sizeBytes: number;
                                    };
                                };
                                /** @description Sum of size_bytes (a JSON number: exact up to 2^53) */
                                sizeBytes: number;
                                total: number;
                            };
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            generatedAt: string;
                            /** @description Projects the caller may see */
                            projects: number;
                            tasks: {
                                /** TaskKindCounts */
                                byKind: {
                                    manual: number;
                                    notebook: number;
                                    spark: number;
                                };
                                /**
                                 * TaskStatusCounts
                                 * @description Tasks per current status
                                 */
                                byStatus: {
                                    cancelled: number;
                                    failed: number;
                                    pending: number;
                                    running: number;
                                    succeeded: number;
                                };
                                total: number;
                            };
                            /** @description One entry per UTC day, oldest first, ending today: tasks created that day, by their current status */
                            tasksCreatedPerDay: {
                                /**
                                 * TaskStatusCounts
                                 * @description Tasks per current status
                                 */
                                byStatus: {
                                    cancelled: number;
                                    failed: number;
                                    pending: number;
                                    running: number;
                                    succeeded: number;
                                };
                                /**
                                 * Format: date
                                 * @description UTC day, YYYY-MM-DD
                                 */
                                day: string;
                                total: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A dataset */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            /** @enum {string} */
                            format: "csv" | "parquet" | "json" | "delta";
                            /** @description Positive integer id */
                            id: number;
                            /** @description true: uploaded and stored in versions; false: a registered external uri */
                            managed: boolean;
                            name: string;
                            /** @description Positive integer id */
                            projectId: number;
                            rowCount: number | null;
                            schema: {
                                columns: {
                                    name: string;
                                    type: "integer" | "double" | "decimal" | "boolean" | "string" | "json" | "date" | "timestamp" | "timestamp_tz" | "time" | "interval" | "binary" | "list" | "struct" | "map" | "other";
                                }[];
                            } | null;
                            sizeBytes: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            /** @description Registered: the external location. Managed: where the current version is stored */
                            uri: string;
                            /** @description Current version (managed only) */
                            version: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a dataset (owner, editors, admins) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a dataset (owner, editors, admins) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        format?: "csv" | "parquet" | "json" | "delta";
                        /** @description Dataset name (1..200 characters, no '/', '\' or control characters, not '.' or '..') */
                        name?: string;
                        /** @description Size in bytes */
                        sizeBytes?: number;
                        /** @description Location such as s3://bucket/key or https://host/path */
                        uri?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            /** @enum {string} */
                            format: "csv" | "parquet" | "json" | "delta";
                            /** @description Positive integer id */
                            id: number;
                            /** @description true: uploaded and stored in versions; false: a registered external uri */
                            managed: boolean;
                            name: string;
                            /** @description Positive integer id */
                            projectId: number;
                            rowCount: number | null;
                            schema: {
                                columns: {
                                    name: string;
                                    type: "integer" | "double" | "decimal" | "boolean" | "string" | "json" | "date" | "timestamp" | "timestamp_tz" | "time" | "interval" | "binary" | "list" | "struct" | "map" | "other";
                                }[];
                            } | null;
                            sizeBytes: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            /** @description Registered: the external location. Managed: where the current version is stored */
                            uri: string;
                            /** @description Current version (managed only) */
                            version: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/datasets/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stored file of a version (the current one by default), as an attachment */
        get: {
            parameters: {
                query?: {
                    /** @description A version number; the current one when absent */
                    version?: number;
                };
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                        "application/vnd.apache.parquet": unknown;
                        "text/csv": unknown;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "application/vnd.apache.parquet": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "application/vnd.apache.parquet": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "application/vnd.apache.parquet": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "application/vnd.apache.parquet": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "text/csv": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The first rows of a version (the current one by default) */
        get: {
            parameters: {
                query: {
                    /** @description Rows (1..1000) */
                    limit: number;
                    /** @description A version number; the current one when absent */
                    version?: number;
                };
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                name: string;
                                type: "integer" | "double" | "decimal" | "boolean" | "string" | "json" | "date" | "timestamp" | "timestamp_tz" | "time" | "interval" | "binary" | "list" | "struct" | "map" | "other";
                            }[];
                            /** @description Rows in the whole version (the preview shows the first `limit`) */
                            rowCount: number;
                            /** @description One array per row, values in column order */
                            rows: unknown[][];
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{id}/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per-column profile of a version: types, nulls, distinct values, min/max, mean, top values, histogram */
        get: {
            parameters: {
                query?: {
                    /** @description A version number; the current one when absent */
                    version?: number;
                };
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                distinctCount: number;
                                /** @description Numbers only: counts in up to 10 equal-width bins */
                                histogram?: {
                                    count: number;
                                    from: number;
                                    to: number;
                                }[];
                                /** @description A JSON value of the column type */
                                max: unknown;
                                /** @description Numbers only: mean of the finite values */
                                mean?: number | null;
                                /** @description A JSON value of the column type */
                                min: unknown;
                                name: string;
                                nullCount: number;
                                /** @description Up to 5 most frequent values */
                                top: {
                                    count: number;
                                    /** @description A JSON value of the column type */
                                    value: unknown;
                                }[];
                                type: "integer" | "double" | "decimal" | "boolean" | "string" | "json" | "date" | "timestamp" | "timestamp_tz" | "time" | "interval" | "binary" | "list" | "struct" | "map" | "other";
                            }[];
                            rowCount: number;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A dataset's versions, newest first (none for a registered dataset) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                createdBy: number | null;
                                /** @description Positive integer id */
                                datasetId: number;
                                /**
                                 * @description Format of the uploaded file: csv, json or parquet
                                 * @enum {string}
                                 */
                                format: "csv" | "json" | "parquet";
                                /** @description Positive integer id */
                                id: number;
                                rowCount: number;
                                /** @description The run whose output this version is */
                                runId: number | null;
                                /** DatasetSchema */
                                schema: {
                                    columns: {
                                        name: string;
                                        type: "integer" | "double" | "decimal" | "boolean" | "string" | "json" | "date" | "timestamp" | "timestamp_tz" | "time" | "interval" | "binary" | "list" | "struct" | "map" | "other";
                                    }[];
                                };
                                /** @description SHA-256 of the stored bytes, lower-case hex */
                                sha256: string;
                                sizeBytes: number;
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload the dataset's next version (owner, editors, admins)
         * @description The body is the file itself (application/octet-stream, text/csv, application/json, application/x-ndjson, application/vnd.apache.parquet) or multipart/form-data with exactly one file. It streams to storage; a body over MAX_UPLOAD_BYTES answers 413, an unreadable file 400 invalid_dataset naming the problem, and a refused or failed upload leaves nothing stored. The format defaults to the dataset's.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Format of the uploaded file: csv, json or parquet */
                    format?: "csv" | "json" | "parquet";
                };
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            /** @enum {string} */
                            format: "csv" | "parquet" | "json" | "delta";
                            /** @description Positive integer id */
                            id: number;
                            /** @description true: uploaded and stored in versions; false: a registered external uri */
                            managed: boolean;
                            name: string;
                            /** @description Positive integer id */
                            projectId: number;
                            rowCount: number | null;
                            schema: {
                                columns: {
                                    name: string;
                                    type: "integer" | "double" | "decimal" | "boolean" | "string" | "json" | "date" | "timestamp" | "timestamp_tz" | "time" | "interval" | "binary" | "list" | "struct" | "map" | "other";
                                }[];
                            } | null;
                            sizeBytes: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            /** @description Registered: the external location. Managed: where the current version is stored */
                            uri: string;
                            /** @description Current version (managed only) */
                            version: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project file */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            /** @description Positive integer id */
                            id: number;
                            name: string;
                            /** @description What a notebook's parameters cell declares ([] for a .py) */
                            parameters: {
                                /** @description The default as JSON (null when it is an expression, type 'any') */
                                default: unknown;
                                name: string;
                                /** @description null is accepted besides the type (a default of None with a type annotation) */
                                nullable: boolean;
                                /** @description JSON type of the default: string, integer, number, boolean, null, array, object or any */
                                type: string;
                            }[];
                            /** @description Positive integer id */
                            projectId: number;
                            sizeBytes: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a project file (owner, editors, admins) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project file's bytes, as an attachment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ipynb+json": unknown;
                        "text/x-python": unknown;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ipynb+json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "text/x-python": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ipynb+json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "text/x-python": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ipynb+json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "text/x-python": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ipynb+json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "text/x-python": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/library": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The platform's own notebooks and PySpark jobs, named library/<file> as tasks name them */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                kind: "notebook" | "spark";
                                /** @description `library/<file>`, as a task names it */
                                name: string;
                                parameters: {
                                    /** @description The default as JSON (null when it is an expression, type 'any') */
                                    default: unknown;
                                    name: string;
                                    /** @description null is accepted besides the type (a default of None with a type annotation) */
                                    nullable: boolean;
                                    /** @description JSON type of the default: string, integer, number, boolean, null, array, object or any */
                                    type: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The logged-in user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            /** @description Positive integer id */
                            id: number;
                            /** @enum {string} */
                            role: "admin" | "analyst" | "viewer";
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/platform/cluster": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Nodes per node group, workloads, running Spark applications and notebook runs, recent warnings (admin)
         * @description Read-only, with the web app's service account: nodes with their capacity and metrics-server use, the Deployments, StatefulSets and DaemonSets of the platform's namespaces, Spark applications and notebook Jobs that have not ended (with their run page), and the newest Warning events. Outside a cluster the answer says so.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The cluster as the web app's service account sees it, or why the server cannot see one */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            checkedAt: string;
                            /** @description Sections that could not be read, and why; the others are complete */
                            errors: {
                                message: string;
                                /** @enum {string} */
                                section: "nodes" | "workloads" | "spark-applications" | "notebook-runs" | "events";
                            }[];
                            /** @description The platform's namespaces read */
                            namespaces: string[];
                            nodeGroups: {
                                cpuCores: {
                                    /** @description What pods may use, in cores */
                                    allocatable: number;
                                    /** @description Current use from metrics-server, in cores; null without metrics */
                                    used: number | null;
                                };
                                memoryBytes: {
                                    /** @description What pods may use, in bytes */
                                    allocatable: number;
                                    /** @description Current use from metrics-server, in bytes; null without metrics */
                                    used: number | null;
                                };
                                /** @description The eks.amazonaws.com/nodegroup label; null for nodes without it (a laptop cluster) */
                                name: string | null;
                                nodes: {
                                    cpuCores: {
                                        /** @description What pods may use, in cores */
                                        allocatable: number;
                                        /** @description Current use from metrics-server, in cores; null without metrics */
                                        used: number | null;
                                    };
                                    instanceType: string | null;
                                    memoryBytes: {
                                        /** @description What pods may use, in bytes */
                                        allocatable: number;
                                        /** @description Current use from metrics-server, in bytes; null without metrics */
                                        used: number | null;
                                    };
                                    name: string;
                                    /** @description The Ready condition is True */
                                    ready: boolean;
                                    /** @description Not cordoned */
                                    schedulable: boolean;
                                }[];
                                readyNodes: number;
                            }[];
                            nodeMetrics: {
                                available: boolean;
                                /** @description Why the use is missing (metrics-server absent or not ready) */
                                reason: string | null;
                            };
                            /** @description Notebook Jobs that have not ended */
                            notebookRuns: {
                                activePods: number;
                                /** @description The CronJob that started it, for the platform schedules */
                                cronJob: string | null;
                                /** @description The Job */
                                name: string;
                                namespace: string;
                                /** @description The run it belongs to (its datavis.io/run-id label); null for a scheduled platform notebook */
                                runId: string | null;
                                runPath: string | null;
                                startedAt: string | null;
                            }[];
                            /** @description Spark applications that have not ended */
                            sparkApplications: {
                                driverPod: string | null;
                                /** @description The application's page on the Spark History Server (SPARK_HISTORY_URL) */
                                historyUrl: string | null;
                                name: string;
                                namespace: string;
                                /** @description The run it belongs to (its datavis.io/run-id label) */
                                runId: string | null;
                                /** @description The run page, /runs/<run id> */
                                runPath: string | null;
                                sparkApplicationId: string | null;
                                /** @description The kubectl command that forwards the Spark UI to localhost:4040 */
                                sparkUiCommand: string | null;
                                /** @description The driver's Spark UI through its ingress, when the operator made one */
                                sparkUiUrl: string | null;
                                /** @description The Spark operator's application state (NEW before it is submitted) */
                                state: string;
                                submittedAt: string | null;
                            }[];
                            /** @enum {string} */
                            state: "ok";
                            /** @description The newest Warning events of the namespaces (at most 50) */
                            warnings: {
                                count: number;
                                lastSeen: string | null;
                                message: string;
                                namespace: string;
                                /** @description Kind/name of the object the event is about */
                                object: string;
                                reason: string;
                            }[];
                            workloads: {
                                desired: number;
                                /** @description Every desired replica is ready */
                                healthy: boolean;
                                /** @enum {string} */
                                kind: "Deployment" | "StatefulSet" | "DaemonSet";
                                name: string;
                                namespace: string;
                                ready: number;
                            }[];
                        } | {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            checkedAt: string;
                            reason: string;
                            /** @enum {string} */
                            state: "not-in-cluster";
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/platform/environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Each environment's pinned release, history, stage differences and live status (admin)
         * @description Reads the release files and their histories; gives the field-by-field differences between adjacent stages with the CLI commands that promote and roll back; where the server has AWS credentials, also the EKS cluster, node groups and RDS instance of each AWS environment.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            checkedAt: string;
                            /** @description local, dev, staging, prod in promotion order */
                            environments: {
                                /** @description Recorded promotions and rollbacks, newest first (at most 50) */
                                history: {
                                    /** @enum {string} */
                                    action: "promote" | "rollback";
                                    /**
                                     * Format: date-time
                                     * @description ISO 8601, UTC
                                     */
                                    at: string;
                                    /** @description Who ran the CLI: git user.email, else the login name */
                                    by: string;
                                    /** @description Platform version before */
                                    from: string;
                                    /** @description Manual RDS snapshot taken before the change (prod) */
                                    snapshotId: string | null;
                                    /** @description The stage promoted from; null for a rollback */
                                    sourceEnv: ("dev" | "staging" | "prod") | null;
                                    /** @description Platform version after */
                                    to: string;
                                }[];
                                /** @description How many changes the history file holds */
                                historyTotal: number;
                                lastChange: {
                                    /** @enum {string} */
                                    action: "promote" | "rollback";
                                    /**
                                     * Format: date-time
                                     * @description ISO 8601, UTC
                                     */
                                    at: string;
                                    by: string;
                                    from: string;
                                    to: string;
                                } | null;
                                /** @description What runs in AWS: ok, unavailable (with why), or skipped (local, or the server has no AWS credentials) */
                                live: {
                                    cluster: {
                                        name: string;
                                        nodegroups: {
                                            healthy: boolean;
                                            issues: string[];
                                            name: string;
                                            status: string;
                                        }[];
                                        status: string;
                                        version: string;
                                    };
                                    database: {
                                        engineVersion: string;
                                        id: string;
                                        status: string;
                                    };
                                    /** @enum {string} */
                                    state: "ok";
                                } | {
                                    /** @enum {string} */
                                    kind: "credentials" | "region" | "denied" | "throttled" | "not-found" | "failed";
                                    /** @description What failed and what to do about it */
                                    reason: string;
                                    /** @enum {string} */
                                    state: "unavailable";
                                } | {
                                    reason: string;
                                    /** @enum {string} */
                                    state: "skipped";
                                };
                                /** @enum {string} */
                                name: "local" | "dev" | "staging" | "prod";
                                region: string | null;
                                /** @description What the environment pins in its checked-in release file */
                                release: {
                                    /** @description Helm chart versions, exact x.y.z */
                                    charts: {
                                        /** @description kubernetes-sigs/aws-load-balancer-controller */
                                        awsLoadBalancerController: string;
                                        /** @description kubernetes/autoscaler cluster-autoscaler */
                                        clusterAutoscaler: string;
                                        /** @description kubernetes-sigs/external-dns */
                                        externalDns: string;
                                        /** @description external-secrets/external-secrets */
                                        externalSecrets: string;
                                        /** @description kubernetes-sigs/headlamp, the Kubernetes dashboard */
                                        headlamp: string;
                                        /** @description jupyterhub/zero-to-jupyterhub-k8s */
                                        jupyterhub: string;
                                        /** @description stakater/Reloader */
                                        reloader: string;
                                        /** @description kubeflow/spark-operator */
                                        sparkOperator: string;
                                    };
                                    /** @description EKS managed add-on versions, vX.Y.Z-eksbuild.N */
                                    eksAddons: {
                                        /** @description amazon-cloudwatch-observability: Container Insights and Fluent Bit application logs */
                                        cloudwatchObservability: string;
                                    };
                                    /** @description The git commit the release was cut from (40 hex digits) */
                                    gitCommit: string;
                                    /** @description Images the environment runs */
                                    images: {
                                        /** @description Cluster Autoscaler image (repository:vMAJOR.MINOR.PATCH); its minor must be the cluster's */
                                        clusterAutoscaler: string;
                                        /** @description JupyterHub single-user image (repository:tag) */
                                        jupyterSingleUser: string;
                                        /** @description Tag of the Papermill runner image built from notebooks/runner/Dockerfile */
                                        notebookRunner: string;
                                        /** @description Upstream Spark image the platform Spark image is built FROM (repository:tag@sha256:digest); its tag is the Spark version every SparkApplication declares */
                                        spark: string;
                                        /** @description Tag of the web app image built from app/Dockerfile */
                                        webApp: string;
                                    };
                                    /** @description EKS control plane version, e.g. "1.36" */
                                    kubernetesVersion: string;
                                    /** @description Semantic version of the platform; prod runs 1.0.0 and up, local stays on 0.x */
                                    platformVersion: string;
                                    /** @description RDS for MySQL engine version, e.g. "8.4.10" */
                                    rdsEngineVersion: string;
                                };
                                /** @description The CLI command that restores the release before the last promotion; null when nothing is left to roll back */
                                rollbackCommand: string | null;
                            }[];
                            /** @description Adjacent stages: dev -> staging, staging -> prod */
                            promotions: {
                                /** @description Field-by-field differences, the target's value -> the source's */
                                changes: {
                                    /** @description Dotted path in the release file, e.g. images.webApp */
                                    field: string;
                                    /** @description What the target stage runs now */
                                    from: string | null;
                                    /** @description What it would run after the promotion */
                                    to: string | null;
                                }[];
                                /** @description The CLI command that promotes the source into the target (a reviewed change in git) */
                                command: string;
                                dryRunCommand: string;
                                /** @enum {string} */
                                source: "dev" | "staging" | "prod";
                                /** @enum {string} */
                                target: "dev" | "staging" | "prod";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/platform/pipeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The delivery pipeline's current stage and last execution (admin)
         * @description Finds the pipeline by the PipelineName output of the Datavis-Pipeline stack, then reads its state and last execution from CodePipeline. Without AWS credentials, or when the pipeline cannot be read, the answer says why (never a server error).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The delivery pipeline's stages and last execution, or why they cannot be read */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            checkedAt: string;
                            /** @description The stage in progress, if any */
                            currentStage: string | null;
                            lastExecution: {
                                id: string;
                                /** @description The commit it deploys */
                                revision: string | null;
                                revisionSummary: string | null;
                                startedAt: string | null;
                                status: string;
                                statusSummary: string | null;
                                updatedAt: string | null;
                            } | null;
                            name: string;
                            region: string;
                            stages: {
                                executionId: string | null;
                                name: string;
                                /** @description The latest execution's status in this stage */
                                status: string | null;
                            }[];
                            /** @enum {string} */
                            state: "ok";
                        } | {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            checkedAt: string;
                            /** @enum {string} */
                            kind: "credentials" | "region" | "denied" | "throttled" | "not-found" | "failed";
                            /** @description What failed and what to do about it */
                            reason: string;
                            /** @enum {string} */
                            state: "unavailable";
                        } | {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            checkedAt: string;
                            reason: string;
                            /** @enum {string} */
                            state: "skipped";
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Projects the caller may see, newest first */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description Page size (1..100) */
                    limit: number;
                    /** @description Name contains (case-insensitive) */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                description: string;
                                /** @description Positive integer id */
                                id: number;
                                name: string;
                                /** @description Positive integer id */
                                ownerId: number;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                updatedAt: string;
                            }[];
                            /** @description Pass as ?cursor= for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a project owned by the caller (admins and analysts) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Up to 10,000 characters */
                        description?: string;
                        /** @description Project name (1..200 characters) */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            description: string;
                            /** @description Positive integer id */
                            id: number;
                            name: string;
                            /** @description Positive integer id */
                            ownerId: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A project with its members
         * @description A project the caller may not see answers 404, never 403.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            description: string;
                            /** @description Positive integer id */
                            id: number;
                            members: {
                                email: string;
                                /** @description Positive integer id */
                                projectId: number;
                                /** @enum {string} */
                                role: "editor" | "viewer";
                                /** @description Positive integer id */
                                userId: number;
                            }[];
                            name: string;
                            /** @description Positive integer id */
                            ownerId: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a project with its tasks, datasets and members (owner, admins)
         * @description A project the caller may not see answers 404, never 403.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename or describe a project (owner, editors, admins)
         * @description A project the caller may not see answers 404, never 403.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Up to 10,000 characters */
                        description?: string;
                        /** @description Project name (1..200 characters) */
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            description: string;
                            /** @description Positive integer id */
                            id: number;
                            name: string;
                            /** @description Positive integer id */
                            ownerId: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/projects/{id}/charts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project's charts, in dashboard order */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description In dashboard order */
                            items: {
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                createdBy: number | null;
                                /** ChartEncoding */
                                encoding: {
                                    /**
                                     * @description Groups the rows by x and series and aggregates each y; absent: rows as they are
                                     * @enum {string}
                                     */
                                    aggregate?: "sum" | "avg" | "count" | "min" | "max";
                                    /** @description At most this many rows, or x values when there is a series (1..5000, the default) */
                                    limit?: number;
                                    /** @description A column of the source, by its exact name */
                                    series?: string;
                                    /**
                                     * @description x-asc (default when there is an x), x-desc, y-asc or y-desc (by the first y)
                                     * @enum {string}
                                     */
                                    sort?: "x-asc" | "x-desc" | "y-asc" | "y-desc";
                                    /** @description A column of the source, by its exact name */
                                    x?: string;
                                    /** @description 1..10 columns */
                                    y?: string[];
                                };
                                /** @description Positive integer id */
                                id: number;
                                /** @description Place on the dashboard, 0 first */
                                position: number;
                                /** @description Positive integer id */
                                projectId: number;
                                /**
                                 * ChartSource
                                 * @description Either {datasetId} or {sql}
                                 */
                                source: {
                                    /** @description Positive integer id */
                                    datasetId?: number;
                                    /** @description A read-only query over the project's datasets (one SELECT or WITH statement) */
                                    sql?: string;
                                } | Record<string, never> | Record<string, never>;
                                title: string;
                                /**
                                 * @description How the data is drawn
                                 * @enum {string}
                                 */
                                type: "bar" | "line" | "area" | "scatter" | "pie" | "heatmap" | "table" | "number";
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                updatedAt: string;
                                /** @description Columns of the 12-column dashboard grid */
                                width: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a chart, placed last on the dashboard (owner, editors, admins)
         * @description A column the encoding names that the source does not have is 400 unknown_column naming it; a spec the chart type does not allow, 400 invalid_encoding; a {sql} source that is not one read-only query, 400 invalid_query; past QUERY_TIMEOUT_MS, 400 query_timeout.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** ChartEncoding */
                        encoding: {
                            /**
                             * @description Groups the rows by x and series and aggregates each y; absent: rows as they are
                             * @enum {string}
                             */
                            aggregate?: "sum" | "avg" | "count" | "min" | "max";
                            /** @description At most this many rows, or x values when there is a series (1..5000, the default) */
                            limit?: number;
                            /** @description A column of the source, by its exact name */
                            series?: string;
                            /**
                             * @description x-asc (default when there is an x), x-desc, y-asc or y-desc (by the first y)
                             * @enum {string}
                             */
                            sort?: "x-asc" | "x-desc" | "y-asc" | "y-desc";
                            /** @description A column of the source, by its exact name */
                            x?: string;
                            /** @description 1..10 columns */
                            y?: string[];
                        };
                        /**
                         * ChartSource
                         * @description Either {datasetId} or {sql}
                         */
                        source: {
                            /** @description Positive integer id */
                            datasetId?: number;
                            /** @description A read-only query over the project's datasets (one SELECT or WITH statement) */
                            sql?: string;
                        } | Record<string, never> | Record<string, never>;
                        /** @description Chart title (1..200 characters) */
                        title: string;
                        /**
                         * @description How the data is drawn
                         * @enum {string}
                         */
                        type: "bar" | "line" | "area" | "scatter" | "pie" | "heatmap" | "table" | "number";
                        /**
                         * @description Columns of the 12-column dashboard grid
                         * @default 6
                         */
                        width?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            /** ChartEncoding */
                            encoding: {
                                /**
                                 * @description Groups the rows by x and series and aggregates each y; absent: rows as they are
                                 * @enum {string}
                                 */
                                aggregate?: "sum" | "avg" | "count" | "min" | "max";
                                /** @description At most this many rows, or x values when there is a series (1..5000, the default) */
                                limit?: number;
                                /** @description A column of the source, by its exact name */
                                series?: string;
                                /**
                                 * @description x-asc (default when there is an x), x-desc, y-asc or y-desc (by the first y)
                                 * @enum {string}
                                 */
                                sort?: "x-asc" | "x-desc" | "y-asc" | "y-desc";
                                /** @description A column of the source, by its exact name */
                                x?: string;
                                /** @description 1..10 columns */
                                y?: string[];
                            };
                            /** @description Positive integer id */
                            id: number;
                            /** @description Place on the dashboard, 0 first */
                            position: number;
                            /** @description Positive integer id */
                            projectId: number;
                            /**
                             * ChartSource
                             * @description Either {datasetId} or {sql}
                             */
                            source: {
                                /** @description Positive integer id */
                                datasetId?: number;
                                /** @description A read-only query over the project's datasets (one SELECT or WITH statement) */
                                sql?: string;
                            } | Record<string, never> | Record<string, never>;
                            title: string;
                            /**
                             * @description How the data is drawn
                             * @enum {string}
                             */
                            type: "bar" | "line" | "area" | "scatter" | "pie" | "heatmap" | "table" | "number";
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            /** @description Columns of the 12-column dashboard grid */
                            width: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/charts/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A chart's data without saving it: the builder's live preview (any member)
         * @description A column the encoding names that the source does not have is 400 unknown_column naming it; a spec the chart type does not allow, 400 invalid_encoding; a {sql} source that is not one read-only query, 400 invalid_query; past QUERY_TIMEOUT_MS, 400 query_timeout.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** ChartEncoding */
                        encoding: {
                            /**
                             * @description Groups the rows by x and series and aggregates each y; absent: rows as they are
                             * @enum {string}
                             */
                            aggregate?: "sum" | "avg" | "count" | "min" | "max";
                            /** @description At most this many rows, or x values when there is a series (1..5000, the default) */
                            limit?: number;
                            /** @description A column of the source, by its exact name */
                            series?: string;
                            /**
                             * @description x-asc (default when there is an x), x-desc, y-asc or y-desc (by the first y)
                             * @enum {string}
                             */
                            sort?: "x-asc" | "x-desc" | "y-asc" | "y-desc";
                            /** @description A column of the source, by its exact name */
                            x?: string;
                            /** @description 1..10 columns */
                            y?: string[];
                        };
                        /**
                         * ChartSource
                         * @description Either {datasetId} or {sql}
                         */
                        source: {
                            /** @description Positive integer id */
                            datasetId?: number;
                            /** @description A read-only query over the project's datasets (one SELECT or WITH statement) */
                            sql?: string;
                        } | Record<string, never> | Record<string, never>;
                        /**
                         * @description How the data is drawn
                         * @enum {string}
                         */
                        type: "bar" | "line" | "area" | "scatter" | "pie" | "heatmap" | "table" | "number";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                /**
                                 * @description Groups the rows by x and series and aggregates each y; absent: rows as they are
                                 * @enum {string}
                                 */
                                aggregate?: "sum" | "avg" | "count" | "min" | "max";
                                /** @description The source column it comes from */
                                column: string;
                                /** @enum {string} */
                                kind: "number" | "string" | "temporal" | "boolean" | "other";
                                /** @description Label, e.g. "region" or "sum(revenue)" */
                                name: string;
                                /** @enum {string} */
                                role: "x" | "series" | "y" | "value";
                            }[];
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            computedAt: string;
                            rows: (string | number | boolean | null)[][];
                            /** @description The dataset versions the data was computed from, "<datasetId>@<version>" by dataset id, joined by commas ("" for a query that reads no dataset) */
                            sourceVersion: string;
                            truncated: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Arrange the dashboard: every chart of the project, exactly once, in order (owner, editors, admins)
         * @description An order that misses a chart, names one of another project or repeats one is 400 invalid_order naming them.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Every chart id of the project, in dashboard order */
                        order: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description In dashboard order */
                            items: {
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                createdBy: number | null;
                                /** ChartEncoding */
                                encoding: {
                                    /**
                                     * @description Groups the rows by x and series and aggregates each y; absent: rows as they are
                                     * @enum {string}
                                     */
                                    aggregate?: "sum" | "avg" | "count" | "min" | "max";
                                    /** @description At most this many rows, or x values when there is a series (1..5000, the default) */
                                    limit?: number;
                                    /** @description A column of the source, by its exact name */
                                    series?: string;
                                    /**
                                     * @description x-asc (default when there is an x), x-desc, y-asc or y-desc (by the first y)
                                     * @enum {string}
                                     */
                                    sort?: "x-asc" | "x-desc" | "y-asc" | "y-desc";
                                    /** @description A column of the source, by its exact name */
                                    x?: string;
                                    /** @description 1..10 columns */
                                    y?: string[];
                                };
                                /** @description Positive integer id */
                                id: number;
                                /** @description Place on the dashboard, 0 first */
                                position: number;
                                /** @description Positive integer id */
                                projectId: number;
                                /**
                                 * ChartSource
                                 * @description Either {datasetId} or {sql}
                                 */
                                source: {
                                    /** @description Positive integer id */
                                    datasetId?: number;
                                    /** @description A read-only query over the project's datasets (one SELECT or WITH statement) */
                                    sql?: string;
                                } | Record<string, never> | Record<string, never>;
                                title: string;
                                /**
                                 * @description How the data is drawn
                                 * @enum {string}
                                 */
                                type: "bar" | "line" | "area" | "scatter" | "pie" | "heatmap" | "table" | "number";
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                updatedAt: string;
                                /** @description Columns of the 12-column dashboard grid */
                                width: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project's datasets, newest first */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description Page size (1..100) */
                    limit: number;
                };
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                createdBy: number | null;
                                /** @enum {string} */
                                format: "csv" | "parquet" | "json" | "delta";
                                /** @description Positive integer id */
                                id: number;
                                /** @description true: uploaded and stored in versions; false: a registered external uri */
                                managed: boolean;
                                name: string;
                                /** @description Positive integer id */
                                projectId: number;
                                rowCount: number | null;
                                schema: {
                                    columns: {
                                        name: string;
                                        type: "integer" | "double" | "decimal" | "boolean" | "string" | "json" | "date" | "timestamp" | "timestamp_tz" | "time" | "interval" | "binary" | "list" | "struct" | "map" | "other";
                                    }[];
                                } | null;
                                sizeBytes: number;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                updatedAt: string;
                                /** @description Registered: the external location. Managed: where the current version is stored */
                                uri: string;
                                /** @description Current version (managed only) */
                                version: number | null;
                            }[];
                            /** @description Pass as ?cursor= for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Register a dataset (owner, editors, admins) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        format: "csv" | "parquet" | "json" | "delta";
                        /** @description Dataset name (1..200 characters, no '/', '\' or control characters, not '.' or '..') */
                        name: string;
                        /** @description Size in bytes */
                        sizeBytes?: number;
                        /** @description Location such as s3://bucket/key or https://host/path */
                        uri: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            /** @enum {string} */
                            format: "csv" | "parquet" | "json" | "delta";
                            /** @description Positive integer id */
                            id: number;
                            /** @description true: uploaded and stored in versions; false: a registered external uri */
                            managed: boolean;
                            name: string;
                            /** @description Positive integer id */
                            projectId: number;
                            rowCount: number | null;
                            schema: {
                                columns: {
                                    name: string;
                                    type: "integer" | "double" | "decimal" | "boolean" | "string" | "json" | "date" | "timestamp" | "timestamp_tz" | "time" | "interval" | "binary" | "list" | "struct" | "map" | "other";
                                }[];
                            } | null;
                            sizeBytes: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            /** @description Registered: the external location. Managed: where the current version is stored */
                            uri: string;
                            /** @description Current version (managed only) */
                            version: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/datasets/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a file as a new managed dataset (owner, editors, admins)
         * @description The body is the file itself (application/octet-stream, text/csv, application/json, application/x-ndjson, application/vnd.apache.parquet) or multipart/form-data with exactly one file. It streams to storage; a body over MAX_UPLOAD_BYTES answers 413, an unreadable file 400 invalid_dataset naming the problem, and a refused or failed upload leaves nothing stored.
         */
        post: {
            parameters: {
                query: {
                    /** @description Format of the uploaded file: csv, json or parquet */
                    format?: "csv" | "json" | "parquet";
                    /** @description Dataset name (1..200 characters, no '/', '\' or control characters, not '.' or '..') */
                    name: string;
                };
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            /** @enum {string} */
                            format: "csv" | "parquet" | "json" | "delta";
                            /** @description Positive integer id */
                            id: number;
                            /** @description true: uploaded and stored in versions; false: a registered external uri */
                            managed: boolean;
                            name: string;
                            /** @description Positive integer id */
                            projectId: number;
                            rowCount: number | null;
                            schema: {
                                columns: {
                                    name: string;
                                    type: "integer" | "double" | "decimal" | "boolean" | "string" | "json" | "date" | "timestamp" | "timestamp_tz" | "time" | "interval" | "binary" | "list" | "struct" | "map" | "other";
                                }[];
                            } | null;
                            sizeBytes: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            /** @description Registered: the external location. Managed: where the current version is stored */
                            uri: string;
                            /** @description Current version (managed only) */
                            version: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project's files, by name */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                createdBy: number | null;
                                /** @description Positive integer id */
                                id: number;
                                name: string;
                                /** @description What a notebook's parameters cell declares ([] for a .py) */
                                parameters: {
                                    /** @description The default as JSON (null when it is an expression, type 'any') */
                                    default: unknown;
                                    name: string;
                                    /** @description null is accepted besides the type (a default of None with a type annotation) */
                                    nullable: boolean;
                                    /** @description JSON type of the default: string, integer, number, boolean, null, array, object or any */
                                    type: string;
                                }[];
                                /** @description Positive integer id */
                                projectId: number;
                                sizeBytes: number;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload a notebook (.ipynb) or PySpark file (.py) to a project (owner, editors, admins)
         * @description The body is the file (at most 5 MiB). A notebook must be nbformat 4 JSON; its parameters cell is read. 409 file_exists when the project has a file of that name; 413 over 5 MiB; 400 invalid_notebook naming the problem.
         */
        post: {
            parameters: {
                query: {
                    /** @description File name ending in .ipynb (a notebook) or .py (a PySpark job); may contain folders (a/b.py); not under library/ */
                    name: string;
                };
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            /** @description Positive integer id */
                            id: number;
                            name: string;
                            /** @description What a notebook's parameters cell declares ([] for a .py) */
                            parameters: {
                                /** @description The default as JSON (null when it is an expression, type 'any') */
                                default: unknown;
                                name: string;
                                /** @description null is accepted besides the type (a default of None with a type annotation) */
                                nullable: boolean;
                                /** @description JSON type of the default: string, integer, number, boolean, null, array, object or any */
                                type: string;
                            }[];
                            /** @description Positive integer id */
                            projectId: number;
                            sizeBytes: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Add a member or change their role (owner, admins); 201 when added, 200 when changed */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                    /** @description Positive integer id */
                    userId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "editor" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            /** @description Positive integer id */
                            projectId: number;
                            /** @enum {string} */
                            role: "editor" | "viewer";
                            /** @description Positive integer id */
                            userId: number;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            /** @description Positive integer id */
                            projectId: number;
                            /** @enum {string} */
                            role: "editor" | "viewer";
                            /** @description Positive integer id */
                            userId: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove a member (owner, admins) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                    /** @description Positive integer id */
                    userId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run one read-only SQL statement over the project's managed datasets (any member)
         * @description Each managed dataset is a table named by its dataset name (quote names that are not plain identifiers). Registered datasets cannot be queried. Anything but one SELECT / WITH statement, or a reference to a file, another project, an extension or the network, is 400 invalid_query; past QUERY_TIMEOUT_MS, 400 query_timeout.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Most rows returned (default 1000) */
                        limit?: number;
                        /** @description One SELECT (or WITH ... SELECT) over the project datasets */
                        sql: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                name: string;
                                type: "integer" | "double" | "decimal" | "boolean" | "string" | "json" | "date" | "timestamp" | "timestamp_tz" | "time" | "interval" | "binary" | "list" | "struct" | "map" | "other";
                            }[];
                            elapsedMs: number;
                            /** @description Rows returned */
                            rowCount: number;
                            /** @description One array per row, values in column order */
                            rows: unknown[][];
                            /** @description true when the query had more rows than `limit` */
                            truncated: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project's tasks, newest first */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description Page size (1..100) */
                    limit: number;
                };
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                application: string | null;
                                arguments: string[];
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                createdBy: number | null;
                                finishedAt: string | null;
                                /** @description Positive integer id */
                                id: number;
                                /** @enum {string} */
                                kind: "notebook" | "spark" | "manual";
                                maxRetries: number;
                                notebook: string | null;
                                outputDatasetId: number | null;
                                parameters: {
                                    [key: string]: unknown;
                                };
                                /** @description Positive integer id */
                                projectId: number;
                                retryDelaySeconds: number;
                                schedule: string | null;
                                spark: {
                                    driver: {
                                        cores: number;
                                        memoryMiB: number;
                                    };
                                    executor: {
                                        cores: number;
                                        memoryMiB: number;
                                    };
                                    maxExecutors: number;
                                    minExecutors: number;
                                } | null;
                                startedAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "running" | "succeeded" | "failed" | "cancelled";
                                timeoutSeconds: number;
                                timeZone: string;
                                title: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                updatedAt: string;
                            }[];
                            /** @description Pass as ?cursor= for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a task (owner, editors, admins)
         * @description Tasks of kind "notebook" need a notebook path.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        application?: string | null;
                        /** @description The Spark application's arguments */
                        arguments?: string[];
                        /** @enum {string} */
                        kind: "notebook" | "spark" | "manual";
                        /** @description Further attempts after a failure (0..5, default 0) */
                        maxRetries?: number;
                        notebook?: string | null;
                        /** @description A managed dataset of the same project; a succeeded run adds its result file as the dataset's next version */
                        outputDatasetId?: number | null;
                        /** @description Notebook/Spark parameters as a JSON object (at most 64 KiB serialized) */
                        parameters?: {
                            [key: string]: unknown;
                        };
                        /** @description Wait before a retry (0..3600, default 60) */
                        retryDelaySeconds?: number;
                        schedule?: string | null;
                        spark?: {
                            driver: {
                                cores: number;
                                memoryMiB: number;
                            };
                            executor: {
                                cores: number;
                                memoryMiB: number;
                            };
                            maxExecutors: number;
                            minExecutors: number;
                        } | null;
                        /** @enum {string} */
                        status?: "pending" | "running" | "succeeded" | "failed" | "cancelled";
                        /** @description Longest a run may take (60..86400, default 3600) */
                        timeoutSeconds?: number;
                        /** @description IANA time zone of the schedule (default UTC) */
                        timeZone?: string;
                        /** @description Task title (1..200 characters) */
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            application: string | null;
                            arguments: string[];
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            finishedAt: string | null;
                            /** @description Positive integer id */
                            id: number;
                            /** @enum {string} */
                            kind: "notebook" | "spark" | "manual";
                            maxRetries: number;
                            notebook: string | null;
                            outputDatasetId: number | null;
                            parameters: {
                                [key: string]: unknown;
                            };
                            /** @description Positive integer id */
                            projectId: number;
                            retryDelaySeconds: number;
                            schedule: string | null;
                            spark: {
                                driver: {
                                    cores: number;
                                    memoryMiB: number;
                                };
                                executor: {
                                    cores: number;
                                    memoryMiB: number;
                                };
                                maxExecutors: number;
                                minExecutors: number;
                            } | null;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "pending" | "running" | "succeeded" | "failed" | "cancelled";
                            timeoutSeconds: number;
                            timeZone: string;
                            title: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description 1 for the first try; a retry is the next attempt */
                            attempt: number;
                            /** @enum {string} */
                            backend: "local" | "kubernetes";
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            finishedAt: string | null;
                            /** @description Positive integer id */
                            id: number;
                            links: {
                                logs: string;
                                output: string;
                                self: string;
                                task: string;
                            };
                            /** @description Why a run failed, timed out or was cancelled */
                            message: string | null;
                            /** @description 1, 2, 3... per task */
                            number: number;
                            /** @description GET /api/runs/:id/output has the executed notebook */
                            outputAvailable: boolean;
                            /** @description The version of the task's output dataset this run added */
                            outputDatasetVersion: number | null;
                            parameters: {
                                [key: string]: unknown;
                            };
                            /** @description Positive integer id */
                            projectId: number;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled" | "timed_out";
                            /** @description Positive integer id */
                            taskId: number;
                            /** @enum {string} */
                            trigger: "manual" | "schedule" | "retry";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a queued or running run (owner, editors, admins)
         * @description Its processes or pods are stopped; the run then says it was cancelled. 409 run_finished when it already ended.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description 1 for the first try; a retry is the next attempt */
                            attempt: number;
                            /** @enum {string} */
                            backend: "local" | "kubernetes";
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            finishedAt: string | null;
                            /** @description Positive integer id */
                            id: number;
                            links: {
                                logs: string;
                                output: string;
                                self: string;
                                task: string;
                            };
                            /** @description Why a run failed, timed out or was cancelled */
                            message: string | null;
                            /** @description 1, 2, 3... per task */
                            number: number;
                            /** @description GET /api/runs/:id/output has the executed notebook */
                            outputAvailable: boolean;
                            /** @description The version of the task's output dataset this run added */
                            outputDatasetVersion: number | null;
                            parameters: {
                                [key: string]: unknown;
                            };
                            /** @description Positive integer id */
                            projectId: number;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled" | "timed_out";
                            /** @description Positive integer id */
                            taskId: number;
                            /** @enum {string} */
                            trigger: "manual" | "schedule" | "retry";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The last lines of the run's log, while it runs and after */
        get: {
            parameters: {
                query: {
                    /** @description How many last lines (1..10000) */
                    tail: number;
                };
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{id}/output": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The executed notebook: as HTML (no script runs: CSP sandbox), or ?format=ipynb as it is */
        get: {
            parameters: {
                query: {
                    format: "html" | "ipynb";
                };
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The page or the notebook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ipynb+json": unknown;
                        "text/html": unknown;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ipynb+json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "text/html": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ipynb+json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "text/html": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ipynb+json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "text/html": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ipynb+json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                        "text/html": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A task */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            application: string | null;
                            arguments: string[];
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            finishedAt: string | null;
                            /** @description Positive integer id */
                            id: number;
                            /** @enum {string} */
                            kind: "notebook" | "spark" | "manual";
                            maxRetries: number;
                            notebook: string | null;
                            outputDatasetId: number | null;
                            parameters: {
                                [key: string]: unknown;
                            };
                            /** @description Positive integer id */
                            projectId: number;
                            retryDelaySeconds: number;
                            schedule: string | null;
                            spark: {
                                driver: {
                                    cores: number;
                                    memoryMiB: number;
                                };
                                executor: {
                                    cores: number;
                                    memoryMiB: number;
                                };
                                maxExecutors: number;
                                minExecutors: number;
                            } | null;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "pending" | "running" | "succeeded" | "failed" | "cancelled";
                            timeoutSeconds: number;
                            timeZone: string;
                            title: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a task (owner, editors, admins) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a task (owner, editors, admins)
         * @description Setting status "running" sets startedAt; a final status sets finishedAt; "pending" clears both.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        application?: string | null;
                        /** @description The Spark application's arguments */
                        arguments?: string[];
                        /** @enum {string} */
                        kind?: "notebook" | "spark" | "manual";
                        /** @description Further attempts after a failure (0..5, default 0) */
                        maxRetries?: number;
                        notebook?: string | null;
                        /** @description A managed dataset of the same project; a succeeded run adds its result file as the dataset's next version */
                        outputDatasetId?: number | null;
                        /** @description Notebook/Spark parameters as a JSON object (at most 64 KiB serialized) */
                        parameters?: {
                            [key: string]: unknown;
                        };
                        /** @description Wait before a retry (0..3600, default 60) */
                        retryDelaySeconds?: number;
                        schedule?: string | null;
                        spark?: {
                            driver: {
                                cores: number;
                                memoryMiB: number;
                            };
                            executor: {
                                cores: number;
                                memoryMiB: number;
                            };
                            maxExecutors: number;
                            minExecutors: number;
                        } | null;
                        /** @enum {string} */
                        status?: "pending" | "running" | "succeeded" | "failed" | "cancelled";
                        /** @description Longest a run may take (60..86400, default 3600) */
                        timeoutSeconds?: number;
                        /** @description IANA time zone of the schedule (default UTC) */
                        timeZone?: string;
                        /** @description Task title (1..200 characters) */
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            application: string | null;
                            arguments: string[];
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            finishedAt: string | null;
                            /** @description Positive integer id */
                            id: number;
                            /** @enum {string} */
                            kind: "notebook" | "spark" | "manual";
                            maxRetries: number;
                            notebook: string | null;
                            outputDatasetId: number | null;
                            parameters: {
                                [key: string]: unknown;
                            };
                            /** @description Positive integer id */
                            projectId: number;
                            retryDelaySeconds: number;
                            schedule: string | null;
                            spark: {
                                driver: {
                                    cores: number;
                                    memoryMiB: number;
                                };
                                executor: {
                                    cores: number;
                                    memoryMiB: number;
                                };
                                maxExecutors: number;
                                minExecutors: number;
                            } | null;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "pending" | "running" | "succeeded" | "failed" | "cancelled";
                            timeoutSeconds: number;
                            timeZone: string;
                            title: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/tasks/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A task's runs, newest first */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description Page size (1..100) */
                    limit: number;
                };
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description 1 for the first try; a retry is the next attempt */
                                attempt: number;
                                /** @enum {string} */
                                backend: "local" | "kubernetes";
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                createdBy: number | null;
                                finishedAt: string | null;
                                /** @description Positive integer id */
                                id: number;
                                links: {
                                    logs: string;
                                    output: string;
                                    self: string;
                                    task: string;
                                };
                                /** @description Why a run failed, timed out or was cancelled */
                                message: string | null;
                                /** @description 1, 2, 3... per task */
                                number: number;
                                /** @description GET /api/runs/:id/output has the executed notebook */
                                outputAvailable: boolean;
                                /** @description The version of the task's output dataset this run added */
                                outputDatasetVersion: number | null;
                                parameters: {
                                    [key: string]: unknown;
                                };
                                /** @description Positive integer id */
                                projectId: number;
                                startedAt: string | null;
                                /** @enum {string} */
                                status: "queued" | "running" | "succeeded" | "failed" | "cancelled" | "timed_out";
                                /** @description Positive integer id */
                                taskId: number;
                                /** @enum {string} */
                                trigger: "manual" | "schedule" | "retry";
                            }[];
                            /** @description Pass as ?cursor= for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Start a run of a notebook or spark task (owner, editors, admins)
         * @description The run is queued and starts when the backend has a slot. `parameters` override the task's for this run and are checked against the notebook's parameters cell (400 unknown_parameter / invalid_parameter). 409 not_runnable for a manual task.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Notebook/Spark parameters as a JSON object (at most 64 KiB serialized) */
                        parameters?: {
                            [key: string]: unknown;
                        };
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description 1 for the first try; a retry is the next attempt */
                            attempt: number;
                            /** @enum {string} */
                            backend: "local" | "kubernetes";
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: number | null;
                            finishedAt: string | null;
                            /** @description Positive integer id */
                            id: number;
                            links: {
                                logs: string;
                                output: string;
                                self: string;
                                task: string;
                            };
                            /** @description Why a run failed, timed out or was cancelled */
                            message: string | null;
                            /** @description 1, 2, 3... per task */
                            number: number;
                            /** @description GET /api/runs/:id/output has the executed notebook */
                            outputAvailable: boolean;
                            /** @description The version of the task's output dataset this run added */
                            outputDatasetVersion: number | null;
                            parameters: {
                                [key: string]: unknown;
                            };
                            /** @description Positive integer id */
                            projectId: number;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled" | "timed_out";
                            /** @description Positive integer id */
                            taskId: number;
                            /** @enum {string} */
                            trigger: "manual" | "schedule" | "retry";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{id}/schedule/next": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The next fire times of the task's schedule (UTC instants, computed in the task's time zone) */
        get: {
            parameters: {
                query: {
                    count: number;
                };
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Next fire times, as UTC instants; empty without a schedule */
                            fireTimes: string[];
                            schedule: string | null;
                            timeZone: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users (admin), newest first */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description Page size (1..100) */
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                disabled: boolean;
                                disabledAt: string | null;
                                email: string;
                                /** @description Positive integer id */
                                id: number;
                                /** @enum {string} */
                                role: "admin" | "analyst" | "viewer";
                            }[];
                            /** @description Pass as ?cursor= for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a user (admin)
         * @description Passwords need at least 12 characters (400 weak_password); a taken email answers 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /** @description At least 12 characters */
                        password: string;
                        /** @enum {string} */
                        role: "admin" | "analyst" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            disabled: boolean;
                            disabledAt: string | null;
                            email: string;
                            /** @description Positive integer id */
                            id: number;
                            /** @enum {string} */
                            role: "admin" | "analyst" | "viewer";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a user (admin); 409 while they own projects */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a user's role or disable/enable them (admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Positive integer id */
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        disabled?: boolean;
                        /** @enum {string} */
                        role?: "admin" | "analyst" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            disabled: boolean;
                            disabledAt: string | null;
                            email: string;
                            /** @description Positive integer id */
                            id: number;
                            /** @enum {string} */
                            role: "admin" | "analyst" | "viewer";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/ws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * WebSocket of project events
         * @description Authenticate with `Sec-WebSocket-Protocol: bearer, <access token>` (the server answers with the `bearer` protocol) or `?token=<access token>`. Messages: {"type","projectId",...,"data"} with type project.created|project.updated|project.deleted|task.created|task.updated|task.deleted|dataset.created|dataset.updated|dataset.deleted|run.created|run.updated|chart.created|chart.updated|chart.deleted|chart.data_changed. A plain GET without the WebSocket upgrade answers 426.
         */
        get: {
            parameters: {
                query?: {
                    token?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is alive */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
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
        /** The database answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description Stable machine-readable code, e.g. validation_failed */
                                code: string;
                                /** @description What was wrong and what is allowed */
                                message: string;
                            };
                        };
                    };
                };
            };
        };
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
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
