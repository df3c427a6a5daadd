-- Synthetic decisions spread evenly over [@From, @To), with UUIDv7 ids made from their times as the
-- Gateway makes them. Parameters: @TenantId, @Count, @Offset, @From, @To.
INSERT INTO decisions (tenant_id, decision_id, application_id, outcome, product, amount, term_months, pd, score, grade,
                       model_version, policy_version, pricing_version, reason_codes, decided_at, trace_id, request, document)
SELECT @TenantId, id, app, outcome, 'personal_loan', amount, 24, pd, score, grade,
       model, 'policy-1', 'pricing-1', reasons, ts, NULL, '{}'::jsonb,
       json_build_object('decisionId', id, 'applicationId', app, 'outcome', outcome, 'reasons', '[]'::json,
                         'score', json_build_object('pd', pd, 'score', score, 'grade', grade, 'modelVersion', model),
                         'offer', NULL, 'policyVersion', 'policy-1',
                         'decidedAt', to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'traceId', NULL)
FROM (
    SELECT i, ts, app, outcome, amount, pd, model, reasons,
           (600 + round(20 / ln(2) * ln((1 - pd) / pd / 50)))::int AS score,
           CASE WHEN pd < 0.04 THEN 'A' WHEN pd < 0.08 THEN 'B' WHEN pd < 0.13 THEN 'C' WHEN pd < 0.20 THEN 'D'
                WHEN pd < 0.30 THEN 'E' WHEN pd < 0.45 THEN 'F' ELSE 'G' END AS grade,
           (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12))::uuid AS id
    FROM (
        SELECT i, ts, 'LA-' || i AS app, (ARRAY['approve', 'decline', 'refer'])[1 + i % 3] AS outcome,
               1000 + (i % 50) * 100 AS amount, 0.01 + (i % 97) / 100.0 AS pd,
               CASE WHEN i % 4 = 0 THEN 'german-gbm-1' ELSE 'german-scorecard-1' END AS model,
               ARRAY['REASON_' || (i % 7)] AS reasons,
               lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || md5(i::text || random()::text) AS h
        FROM (
            SELECT i, date_trunc('milliseconds', @From + (@To - @From) * ((i - @Offset)::double precision / @Count)) AS ts
            FROM generate_series(@Offset, @Offset + @Count - 1) AS i
        ) times
    ) raw
) rows;
