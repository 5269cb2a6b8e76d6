SELECT customer_id, signup
FROM "crm"."${projectKey}_customers"
WHERE score >= 0.5
