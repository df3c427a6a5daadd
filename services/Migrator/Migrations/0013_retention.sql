-- Delivered webhook deliveries by when they were delivered: the Worker's retention job deletes those past
-- Retention:WebhookDeliveryDays, oldest first. Pending, failed and dead deliveries are never deleted by age.
CREATE INDEX webhook_deliveries_delivered ON webhook_deliveries (delivered_at) WHERE status = 'delivered';
