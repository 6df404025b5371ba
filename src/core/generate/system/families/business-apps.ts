/**
 * Business microservices – e-commerce (orders, carts, catalog, inventory, shipping), payments
 * (gateways, webhooks, ledgers, subscriptions) and ERP/CRM back offices – written the way real
 * services log: key=value and JSON-ish lines with request, trace and tenant ids, entity ids,
 * user actions, audit records and scheduled jobs, next to Spring Boot / Hikari / Kafka chatter.
 * Failures here are technical (timeouts, refused connections, gateway errors), never business
 * process steps, and no template is a Workflow Error.
 */
import type { Rng } from '../../random.ts';
import type { LogFamily, SystemSlot } from '../family.ts';

const hex = (rng: Rng, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[rng.int(0, 15)];
  return out;
};
const alnum = (rng: Rng, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[rng.int(0, 61)];
  return out;
};
const pad = (value: number, width: number): string => String(value).padStart(width, '0');

const TENANTS = ['acme-corp', 'globex', 'initech', 'umbrella', 'wayne-ent', 'stark-ind', 'hooli', 'tyrell', 'soylent', 'cyberdyne', 'wonka', 'aperture', 'massive-dynamic', 'vandelay', 'pied-piper'];
const tenant: SystemSlot = (rng) => (rng.int(0, 3) === 0 ? `t_${rng.int(100, 99999)}` : rng.pick(TENANTS));
const reqId: SystemSlot = (rng) => rng.pick([`req_${alnum(rng, 14)}`, hex(rng, 16), `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-9${hex(rng, 3)}-${hex(rng, 12)}`, `${rng.pick(['api', 'web', 'gw'])}-${hex(rng, 10)}`]);
const traceId: SystemSlot = (rng) => hex(rng, 32);
const spanId: SystemSlot = (rng) => hex(rng, 16);
/** Request context as real services prefix it – or nothing. */
const ctx: SystemSlot = (rng) => {
  switch (rng.int(0, 5)) {
    case 0:
      return '';
    case 1:
      return `[${reqId(rng, 0)}] `;
    case 2:
      return `[tenant=${tenant(rng, 0)}] [req=${reqId(rng, 0)}] `;
    case 3:
      return `traceId=${traceId(rng, 0)} spanId=${spanId(rng, 0)} `;
    case 4:
      return `[${rng.pick(['order-service', 'checkout-service', 'cart-service', 'catalog-service', 'inventory-service', 'shipping-service', 'pricing-service', 'payment-service', 'billing-service', 'crm-api', 'erp-connector'])},${traceId(rng, 0)},${spanId(rng, 0)}] `;
    default:
      return `request_id=${reqId(rng, 0)} tenant=${tenant(rng, 0)} `;
  }
};
const orderId: SystemSlot = (rng) => rng.pick([`ORD-${rng.int(2021, 2025)}-${pad(rng.int(1, 999999), 6)}`, `o_${alnum(rng, 10)}`, String(rng.int(10000000, 99999999)), `SO${pad(rng.int(1, 9999999), 8)}`, `#${rng.int(1000, 999999)}`]);
const customerId: SystemSlot = (rng) => rng.pick([`cus_${alnum(rng, 14)}`, `C-${pad(rng.int(1, 999999), 6)}`, String(rng.int(1000, 9999999)), `CUST${rng.int(100, 99999)}`]);
const userId: SystemSlot = (rng) => String(rng.int(1, 999999));
const sku: SystemSlot = (rng) => rng.pick([`SKU-${rng.int(10000, 99999)}-${rng.pick(['BLK', 'WHT', 'RED', 'BLU', 'GRN'])}-${rng.pick(['S', 'M', 'L', 'XL'])}`, `${rng.pick(['TSHIRT', 'MUG', 'SHOE', 'LAMP', 'CHAIR', 'CABLE'])}-${rng.int(100, 9999)}`, String(rng.int(100000000000, 999999999999))]);
const cartId: SystemSlot = (rng) => rng.pick([`cart_${alnum(rng, 12)}`, `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`]);
const amount: SystemSlot = (rng) => (rng.next() < 0.7 ? (rng.int(100, 99999) / 100).toFixed(2) : (rng.int(10000, 9999999) / 100).toFixed(2));
const cents: SystemSlot = (rng) => String(rng.int(100, 999999));
const currency: SystemSlot = (rng) => rng.pick(['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'JPY', 'CAD', 'AUD', 'PLN']);
const warehouse: SystemSlot = (rng) => `WH-${rng.pick(['FRA', 'AMS', 'LAX', 'NYC', 'LON', 'WAW', 'SIN'])}-${rng.int(1, 4)}`;
const invoiceId: SystemSlot = (rng) => rng.pick([`INV-${rng.int(2021, 2025)}-${pad(rng.int(1, 99999), 5)}`, `in_${alnum(rng, 14)}`, `${rng.int(9000000, 9999999)}`]);
const paymentId: SystemSlot = (rng) => rng.pick([`pi_${alnum(rng, 24)}`, `pay_${alnum(rng, 14)}`, `ch_${alnum(rng, 24)}`, `PAY-${pad(rng.int(1, 9999999), 7)}`, hex(rng, 16).toUpperCase()]);
const refundId: SystemSlot = (rng) => rng.pick([`re_${alnum(rng, 24)}`, `RF-${pad(rng.int(1, 999999), 6)}`]);
const pmId: SystemSlot = (rng) => `pm_${alnum(rng, 24)}`;
const subId: SystemSlot = (rng) => `sub_${alnum(rng, 14)}`;
const evtId: SystemSlot = (rng) => `evt_${alnum(rng, 24)}`;
const last4: SystemSlot = (rng) => pad(rng.int(0, 9999), 4);
const durMs: SystemSlot = (rng) => String(1 + Math.floor(-Math.log(1 - rng.next()) * 180));
const clientId: SystemSlot = (rng) => rng.pick([`app_${alnum(rng, 8)}`, `client-${rng.pick(['mobile-ios', 'mobile-android', 'partner-portal', 'pos', 'legacy-web'])}`, `ck_${hex(rng, 12)}`]);
const leadId: SystemSlot = (rng) => rng.pick([`L-${rng.int(10000, 999999)}`, `00Q${alnum(rng, 12)}`, `lead_${rng.int(1000, 99999)}`]);
const accountId: SystemSlot = (rng) => rng.pick([`001${alnum(rng, 15)}`, `ACC-${rng.int(1000, 99999)}`, String(rng.int(100000, 9999999))]);
const oppId: SystemSlot = (rng) => rng.pick([`OPP-${rng.int(1000, 99999)}`, `006${alnum(rng, 15)}`]);
const contactId: SystemSlot = (rng) => rng.pick([`003${alnum(rng, 15)}`, `CT-${rng.int(10000, 999999)}`, String(rng.int(10000, 9999999))]);
const company: SystemSlot = (rng) => rng.pick(['1000', '2000', 'DE01', 'US01', 'GB10', 'NL20']);
const idoc: SystemSlot = (rng) => pad(rng.int(1, 99999999), 16);

const SPRING_LOGGERS_ECOM = ['com.acme.orders.service.OrderService', 'com.acme.cart.CartController', 'com.acme.checkout.CheckoutOrchestrator', 'com.acme.inventory.ReservationService', 'com.acme.catalog.sync.CatalogSyncJob', 'com.acme.shipping.LabelService', 'com.acme.pricing.PromotionEngine', 'org.springframework.boot.web.embedded.tomcat.TomcatWebServer', 'com.zaxxer.hikari.HikariDataSource', 'org.apache.kafka.clients.consumer.internals.ConsumerCoordinator', 'com.acme.common.web.RequestLoggingFilter', 'com.acme.notifications.EmailDispatcher'];
const THREADS = ['http-nio-8080-exec-{n}', 'kafka-consumer-{n}', 'scheduling-1', 'task-{n}', 'main', 'reactor-http-epoll-{n}', 'ForkJoinPool.commonPool-worker-{n}', 'outbox-relay', 'quartzScheduler_Worker-{n}'];
const threads = THREADS.flatMap((t) => (t.includes('{n}') ? [1, 2, 3, 7, 12, 24].map((n) => t.replace('{n}', String(n))) : [t]));

const COMMON_SLOTS = { ctx, tenant, reqId, traceId, spanId, orderId, customerId, userId, sku, cartId, amount, cents, currency, warehouse, invoiceId, paymentId, refundId, pmId, subId, evtId, last4, durMs, clientId, leadId, accountId, oppId, contactId, company, idoc };

export const ECOMMERCE_SERVICES: LogFamily = {
  id: 'ecommerce-services',
  group: 'app',
  weight: 1.2,
  program: ['order-service', 'cart-service', 'checkout-service', 'catalog-service', 'inventory-service', 'shipping-service'],
  headers: ['log4j', 'iso-level', 'bracket-level'],
  loggers: SPRING_LOGGERS_ECOM,
  threads,
  labelMix: { 'System Notification': 46, 'User Action': 16, 'HTTP Status': 12, Error: 12, 'Security Alert': 4, 'Resource Usage': 5, 'Deprecation Warning': 3, 'Critical Error': 2 },
  slots: {
    ...COMMON_SLOTS,
    svc: ['order-service', 'cart-service', 'checkout-service', 'catalog-service', 'inventory-service', 'shipping-service', 'pricing-service', 'promotion-service', 'search-service', 'notification-service'],
    state: ['PENDING', 'CONFIRMED', 'PAID', 'ALLOCATED', 'PICKING', 'PACKED', 'SHIPPED', 'DELIVERED', 'FULFILLMENT_REQUESTED', 'AWAITING_PAYMENT', 'READY_FOR_PICKUP'],
    carrier: ['DHL', 'UPS', 'FedEx', 'GLS', 'DPD', 'USPS', 'PostNL', 'Royal Mail'],
    tracking: (rng) => rng.pick([`JD${rng.int(100000000, 999999999)}${rng.int(10, 99)}`, `1Z${alnum(rng, 16).toUpperCase()}`, String(rng.int(100000000000, 999999999999))]),
    promo: ['SPRING24', 'WELCOME10', 'FREESHIP', 'BLACKFRIDAY', 'VIP-15', 'BUNDLE3'],
    topic: ['orders.v1', 'order-events', 'inventory.reservations', 'cart.updated', 'shipments.v2', 'catalog.products'],
    evt: ['OrderCreated', 'OrderConfirmed', 'InventoryReserved', 'ShipmentDispatched', 'CartCheckedOut', 'ProductUpdated', 'PriceChanged'],
    channel: ['web', 'ios', 'android', 'pos', 'marketplace'],
    ecomPath: (rng) => rng.pick(['/api/v1/orders', '/api/v1/orders/{id}', '/api/v1/cart', '/api/v1/cart/items', '/api/v2/products/{id}', '/api/v1/checkout', '/api/v1/customers/{id}/addresses', '/api/v1/shipments/{id}', '/api/v2/search', '/api/v1/inventory/{id}', '/actuator/health']).replace('{id}', String(rng.int(1, 999999))),
    status: ['200', '200', '200', '201', '201', '204', '304', '400', '401', '404', '409', '422', '500', '502', '503'],
    addrField: ['shipping address', 'billing address', 'phone number', 'email address', 'delivery instructions'],
    loginMethod: ['password', 'google', 'apple', 'magic_link', 'sso'],
    javaExc: ['org.springframework.dao.DataIntegrityViolationException: could not execute statement; SQL [n/a]; constraint [uk_customer_email]', 'org.springframework.web.client.ResourceAccessException: I/O error on GET request for "http://pricing-service:8080/api/prices": Read timed out', 'feign.RetryableException: Connection refused executing GET http://inventory-service:8080/api/stock', 'org.hibernate.exception.LockAcquisitionException: could not execute statement', 'com.fasterxml.jackson.core.JsonParseException: Unexpected character (\'<\' (code 60)): expected a valid value', 'io.lettuce.core.RedisCommandTimeoutException: Command timed out after 500 millisecond(s)', 'java.net.SocketTimeoutException: Read timed out'],
  },
  templates: [
    // Routine state changes, events and jobs.
    { label: 'System Notification', text: '{ctx}level=info service={svc} msg="order state transition" order_id={orderId} from={state} to={state}', weight: 5 },
    { label: 'System Notification', text: '{ctx}Order {orderId} status changed {state} -> {state} (tenant={tenant})', weight: 4 },
    { label: 'System Notification', text: '{{"ts":"{isoTime}","level":"info","service":"inventory-service","msg":"stock reserved","sku":"{sku}","qty":{small},"warehouse":"{warehouse}","reservation_id":"res_{hex8}","request_id":"{reqId}"}}', weight: 4 },
    { label: 'System Notification', text: '{ctx}Published event {evt} to topic {topic} partition={small} offset={int} key={orderId}', weight: 4 },
    { label: 'System Notification', text: '{ctx}Consumed {evt} from {topic}[{small}]@{int} in {durMs}ms', weight: 3 },
    { label: 'System Notification', text: '{ctx}cart {cartId} recalculated: items={small} subtotal={amount} discount={amount} total={amount} currency={currency}', weight: 3 },
    { label: 'System Notification', text: '{ctx}Applied promotion {promo} to cart {cartId} discount={amount} {currency}', weight: 2 },
    { label: 'System Notification', text: '{ctx}Shipment label created carrier={carrier} tracking={tracking} order_id={orderId} warehouse={warehouse}', weight: 2 },
    { label: 'System Notification', text: '{ctx}Email queued template=order_confirmation to={email} order_id={orderId}', weight: 2 },
    { label: 'System Notification', text: '{ctx}saga={uuid} step=ReserveInventory status=COMPLETED order_id={orderId} duration_ms={durMs}', weight: 2 },
    { label: 'System Notification', text: '{ctx}saga={uuid} step=CapturePayment status=STARTED order_id={orderId}' },
    { label: 'System Notification', text: 'Scheduled job abandoned-cart-reminder started run_id={uuid}', weight: 2 },
    { label: 'System Notification', text: 'Scheduled job abandoned-cart-reminder finished in {seconds}s reminders_sent={count} errors=0', weight: 2 },
    { label: 'System Notification', text: 'Catalog sync completed: {count} products updated, {small} created, 0 failed, duration={seconds}s channel={channel}', weight: 2 },
    { label: 'System Notification', text: 'Price list refreshed for channel={channel} tenant={tenant} skus={count} duration_ms={durMs}' },
    { label: 'System Notification', text: 'Search index updated index=products_v{n} docs={count} took={durMs}ms' },
    { label: 'System Notification', text: '{ctx}Cache miss for product:{sku}, loading from database' },
    { label: 'System Notification', text: '{ctx}Idempotency key {uuid} already processed, returning stored response' },
    { label: 'System Notification', text: 'Reconciliation run: {count} orders checked, 0 mismatches, tenant={tenant}' },
    { label: 'System Notification', text: 'Outbox relay published {small} events (oldest age {durMs}ms)', weight: 2 },
    { label: 'System Notification', text: 'tenant={tenant} feature_flag=new_checkout enabled=true rollout={pct}%' },
    { label: 'System Notification', text: 'Started {Order|Cart|Checkout|Catalog|Inventory}ServiceApplication in {float} seconds (process running for {float})', weight: 2 },
    { label: 'System Notification', text: 'Tomcat started on port 8080 (http) with context path \'\'' },
    { label: 'System Notification', text: 'HikariPool-1 - Start completed.' },
    { label: 'System Notification', text: '[Consumer clientId={svc}-{small}, groupId={svc}] Adding newly assigned partitions: {topic}-{small}, {topic}-{small}' },
    { label: 'System Notification', text: 'Webhook order.shipped delivered to endpoint we_{hex8} for tenant {tenant} (attempt 1)' },
    { label: 'System Notification', text: 'Circuit breaker pricingClient state transition CLOSED -> HALF_OPEN' },
    // Customers and staff.
    { label: 'User Action', text: '{ctx}user {userId} updated {addrField} address_id=addr_{hex8}', weight: 4 },
    { label: 'User Action', text: '{ctx}customer {customerId} placed order {orderId} items={small} total={amount} currency={currency} channel={channel}', weight: 4 },
    { label: 'User Action', text: '{ctx}user={email} action=add_to_cart sku={sku} qty={small} cart_id={cartId}', weight: 3 },
    { label: 'User Action', text: '{ctx}user {userId} removed item {sku} from cart {cartId}', weight: 2 },
    { label: 'User Action', text: '{ctx}user {userId} logged in method={loginMethod} tenant={tenant} ip={ip}', weight: 3 },
    { label: 'User Action', text: '{ctx}user {userId} logged out' },
    { label: 'User Action', text: '{ctx}customer {customerId} changed password' },
    { label: 'User Action', text: '{ctx}customer {customerId} requested return for order {orderId} reason={wrong_size|damaged|not_as_described|changed_mind}' },
    { label: 'User Action', text: '{ctx}customer {customerId} cancelled order {orderId} before shipment' },
    { label: 'User Action', text: 'audit actor=admin:{user} action=product.price.update sku={sku} old={amount} new={amount} tenant={tenant}', weight: 2 },
    { label: 'User Action', text: 'AUDIT {{"actor":"{email}","action":"UPDATE","entity":"Product","id":"{sku}","fields":["title","description"],"ip":"{ip}"}}', weight: 2 },
    { label: 'User Action', text: '{ctx}user {userId} applied coupon {promo} to cart {cartId}' },
    { label: 'User Action', text: '{ctx}user {userId} subscribed to newsletter list={word}' },
    // Requests.
    { label: 'HTTP Status', text: '{ctx}request completed method={method} path={ecomPath} status={status} duration_ms={durMs}', weight: 5 },
    { label: 'HTTP Status', text: '{ctx}"{method} {ecomPath} HTTP/1.1" {status} {bytes} {durMs}ms', weight: 3 },
    { label: 'HTTP Status', text: '{ctx}{method} {ecomPath} -> {status} ({durMs} ms)', weight: 3 },
    { label: 'HTTP Status', text: '{{"level":"info","msg":"http","method":"{method}","path":"{ecomPath}","status":{status},"duration":{durMs},"tenant":"{tenant}","request_id":"{reqId}"}}', weight: 3 },
    { label: 'HTTP Status', text: '{ctx}Outbound HTTP {method} http://{svc}:8080{ecomPath} responded {status} in {durMs}ms', weight: 2 },
    // Technical failures.
    { label: 'Error', text: '{ctx}level=error service={svc} msg="upstream call failed" target={svc} error="context deadline exceeded" attempt={small}/3', weight: 4 },
    { label: 'Error', text: '{ctx}Timeout calling shipping-rates API after {int}ms (attempt {small} of 3), retrying', weight: 2 },
    { label: 'Error', text: '{ctx}KafkaProducer send failed topic={topic} error=NOT_LEADER_OR_FOLLOWER, retrying' },
    { label: 'Error', text: '{ctx}could not acquire lock cart:{cartId} within {int}ms' },
    { label: 'Error', text: '{ctx}{javaExc}', weight: 4 },
    { label: 'Error', text: '{ctx}Deadlock found when trying to get lock; try restarting transaction' },
    { label: 'Error', text: '{ctx}Failed to send notification email to {email}: 421 4.7.0 Service not available, closing transmission channel' },
    { label: 'Error', text: '{ctx}HTTP 503 from search-service, circuit breaker OPEN for searchClient' },
    { label: 'Error', text: 'Elasticsearch bulk request failed: {small} items rejected (es_rejected_execution_exception) index=products_v{n}' },
    { label: 'Error', text: '{ctx}Unable to fetch tax rates from provider {avalara|taxjar|vertex}: HTTP 500, using cached rates' },
    // Abuse and access.
    { label: 'Security Alert', text: '{ctx}authentication failed for user {email} from ip {ip} reason=bad_credentials tenant={tenant}', weight: 2 },
    { label: 'Security Alert', text: '{ctx}access denied: user {userId} lacks permission orders:write on tenant {tenant}' },
    { label: 'Security Alert', text: '{ctx}Cross-tenant access attempt blocked: user {userId} of tenant {tenant} requested resource of tenant {tenant}' },
    { label: 'Security Alert', text: 'Rate limit exceeded for client {ip} on POST /api/v1/checkout: {int} requests/min, blocking for {small}m' },
    { label: 'Security Alert', text: '{ctx}Account {customerId} locked after 5 failed login attempts' },
    // Resources.
    { label: 'Resource Usage', text: 'HikariPool-1 - Pool stats (total={small}, active={small}, idle={small}, waiting={small})', weight: 2 },
    { label: 'Resource Usage', text: 'consumer lag group={svc} topic={topic} lag={int}' },
    { label: 'Resource Usage', text: 'jvm.memory.used={mb}MB jvm.memory.max={mb}MB heap_usage={pct}%' },
    { label: 'Resource Usage', text: 'executor checkout-executor active={small} max=50 queue={int}' },
    { label: 'Resource Usage', text: 'tenant={tenant} API quota {int}/{int} requests used this hour ({pct}%)' },
    { label: 'Deprecation Warning', text: '{ctx}Deprecated endpoint {method} /api/v1/orders called by client {clientId}; use /api/v2/orders (Sunset: {date})', weight: 2 },
    { label: 'Deprecation Warning', text: '{ctx}Field \'customer.phone\' is deprecated and will be removed in API v3, use \'customer.phones\'' },
    { label: 'Deprecation Warning', text: 'Legacy checkout flow used by tenant {tenant}; the legacy flow is scheduled for removal, migrate to checkout v2' },
    { label: 'Deprecation Warning', text: 'The use of configuration keys that have been renamed was found in the environment: Key \'spring.redis.host\' has been renamed to \'spring.data.redis.host\'. Please update your configuration to use the new keys.' },
    { label: 'Critical Error', text: 'Application run failed: org.springframework.beans.factory.BeanCreationException: Error creating bean with name \'entityManagerFactory\'' },
    { label: 'Critical Error', text: 'HikariPool-1 - Exception during pool initialization. Service cannot start.' },
    { label: 'Critical Error', text: 'Health status changed to DOWN: db=DOWN kafka=UP redis=UP' },
    { label: 'Critical Error', text: 'java.lang.OutOfMemoryError: Java heap space' },
    { label: 'Critical Error', text: 'Stock ledger corruption detected for warehouse {warehouse}: checksum mismatch, halting consumer' },
  ],
};

export const PAYMENT_SERVICES: LogFamily = {
  id: 'payment-services',
  group: 'app',
  weight: 0.9,
  program: ['payment-service', 'billing-service', 'payments-api', 'ledger', 'subscriptions'],
  headers: ['log4j', 'iso-level', 'bracket-level'],
  loggers: ['com.acme.payments.gateway.StripeGatewayClient', 'com.acme.payments.gateway.AdyenClient', 'com.acme.payments.webhook.WebhookController', 'com.acme.billing.InvoiceGenerator', 'com.acme.ledger.PostingService', 'com.acme.subscriptions.RenewalJob', 'com.acme.payments.fraud.RiskEngine', 'com.acme.payments.PaymentService'],
  threads,
  labelMix: { 'System Notification': 48, 'User Action': 13, Error: 13, 'Security Alert': 8, 'HTTP Status': 8, 'Resource Usage': 4, 'Deprecation Warning': 3, 'Critical Error': 3 },
  slots: {
    ...COMMON_SLOTS,
    psp: ['stripe', 'adyen', 'braintree', 'paypal', 'checkout.com', 'mollie', 'worldpay'],
    pspHost: ['api.stripe.com', 'checkout-live.adyenpayments.com', 'payments.braintree-api.com', 'api-m.paypal.com', 'api.checkout.com', 'api.mollie.com'],
    brand: ['visa', 'mastercard', 'amex', 'discover', 'maestro'],
    whType: ['payment_intent.succeeded', 'charge.refunded', 'invoice.paid', 'customer.subscription.updated', 'AUTHORISATION', 'CAPTURE', 'REFUND', 'payout.paid', 'charge.dispute.created'],
    plan: ['basic', 'pro', 'team', 'enterprise', 'starter'],
    pspRef: (rng) => String(rng.int(1000000000000000, 9999999999999999)),
    batch: (rng) => `B${rng.int(2021, 2025)}${String(rng.int(1, 365)).padStart(3, '0')}-${rng.int(1, 9)}`,
    payPath: (rng) => rng.pick(['/v1/payments', '/v1/payments/{id}/capture', '/v1/refunds', '/v1/payment_methods', '/v1/subscriptions/{id}', '/webhooks/stripe', '/webhooks/adyen', '/v1/invoices/{id}/pdf']).replace('{id}', String(rng.int(1, 999999))),
    status: ['200', '200', '200', '201', '202', '204', '400', '402', '404', '409', '429', '500', '502'],
    fx: (rng) => (0.5 + rng.next()).toFixed(4),
  },
  templates: [
    { label: 'System Notification', text: '{ctx}PaymentIntent {paymentId} created amount={cents} currency={currency} customer={customerId}', weight: 4 },
    { label: 'System Notification', text: '{ctx}payment {paymentId} authorized provider={psp} psp_reference={pspRef} amount={amount} {currency}', weight: 4 },
    { label: 'System Notification', text: '{ctx}payment {paymentId} captured amount={amount} {currency} provider={psp}', weight: 3 },
    { label: 'System Notification', text: '{ctx}refund {refundId} processed for payment {paymentId} amount={amount} {currency}', weight: 2 },
    { label: 'System Notification', text: '{ctx}Received webhook event {evtId} type={whType} provider={psp}', weight: 4 },
    { label: 'System Notification', text: '{ctx}Webhook signature verified for event {evtId}' },
    { label: 'System Notification', text: 'settlement batch {batch} closed: {count} transactions, total={amount} {currency}, provider={psp}', weight: 2 },
    { label: 'System Notification', text: 'payout po_{hex16} scheduled for {date} amount={amount} {currency}' },
    { label: 'System Notification', text: '{ctx}3DS challenge completed for payment {paymentId} result=authenticated eci=05' },
    { label: 'System Notification', text: '{ctx}ledger entry posted journal=J{int} debit=cash credit=receivables amount={amount} {currency}', weight: 2 },
    { label: 'System Notification', text: '{ctx}idempotency key {uuid} replayed, returning cached response' },
    { label: 'System Notification', text: '{ctx}Tokenized card brand={brand} last4={last4} exp=**/** for customer {customerId}' },
    { label: 'System Notification', text: 'FX rate updated {currency}/{currency}={fx} source=ecb' },
    { label: 'System Notification', text: 'Nightly reconciliation with provider={psp}: {count} matched, 0 unmatched, 0 disputed', weight: 2 },
    { label: 'System Notification', text: 'Renewal job started: {count} subscriptions due, tenant={tenant}' },
    { label: 'System Notification', text: '{ctx}Subscription {subId} renewed, next billing date {date}, amount={amount} {currency}', weight: 2 },
    { label: 'System Notification', text: 'Invoice batch run finished: {count} invoices generated for billing cycle {date} in {seconds}s' },
    { label: 'System Notification', text: '{ctx}invoice {invoiceId} finalized amount_due={amount} {currency} customer={customerId}' },
    { label: 'System Notification', text: 'Provider {psp} health check OK latency={durMs}ms' },
    { label: 'System Notification', text: 'Retry policy for provider {psp} configured: max_attempts={small} backoff=exponential jitter=true' },
    { label: 'System Notification', text: 'Failover completed: routing {psp} traffic to secondary merchant account' },
    { label: 'User Action', text: '{ctx}customer {customerId} added payment method {pmId} ({brand} ****{last4})', weight: 3 },
    { label: 'User Action', text: '{ctx}admin {user} issued refund {refundId} for payment {paymentId} amount={amount} {currency} reason=requested_by_customer', weight: 2 },
    { label: 'User Action', text: '{ctx}user {userId} changed default payment method to {pmId}' },
    { label: 'User Action', text: '{ctx}customer {customerId} upgraded plan from {plan} to {plan}', weight: 2 },
    { label: 'User Action', text: '{ctx}customer {customerId} cancelled subscription {subId} effective={date}' },
    { label: 'User Action', text: '{ctx}user {email} downloaded invoice {invoiceId}' },
    { label: 'User Action', text: 'AUDIT actor={email} action=payout.settings.update account=acct_{hex16} ip={ip}' },
    { label: 'HTTP Status', text: '{ctx}{method} {payPath} {status} {durMs}ms', weight: 3 },
    { label: 'HTTP Status', text: '{ctx}Outbound POST https://{pspHost}/v1/payment_intents responded {status} in {durMs}ms', weight: 3 },
    { label: 'HTTP Status', text: '{{"level":"info","msg":"request","method":"{method}","path":"{payPath}","status":{status},"latency_ms":{durMs},"request_id":"{reqId}"}}', weight: 2 },
    { label: 'Error', text: '{ctx}payment gateway error provider={psp} status=502 error_code=gateway_timeout request_id={reqId}', weight: 3 },
    { label: 'Error', text: '{ctx}Stripe API request failed: (rate_limit) Too many requests made to the API too quickly', weight: 2 },
    { label: 'Error', text: '{ctx}Connection to {pspHost} timed out after {int}ms, retrying ({small}/3)', weight: 2 },
    { label: 'Error', text: '{ctx}PSP returned unexpected response: HTTP 500 Internal Server Error provider={psp}' },
    { label: 'Error', text: 'Webhook delivery to merchant endpoint https://{fqdn}/hooks failed: connection refused (attempt {small}/8)' },
    { label: 'Error', text: '{ctx}Failed to deserialize webhook payload from {psp}: Unrecognized field "{word}"' },
    { label: 'Error', text: '{ctx}could not update ledger: deadlock detected, retrying transaction' },
    { label: 'Error', text: '{ctx}PayPal OAuth token refresh failed: 503 Service Unavailable' },
    { label: 'Security Alert', text: 'Webhook signature verification failed for provider={psp}: No signatures found matching the expected signature for payload', weight: 3 },
    { label: 'Security Alert', text: '{ctx}fraud check flagged payment {paymentId} risk_score={pct} rules=[velocity_ip,bin_country_mismatch]', weight: 2 },
    { label: 'Security Alert', text: 'card testing suspected: {int} authorization attempts from ip {ip} in 60s, blocking client', weight: 2 },
    { label: 'Security Alert', text: '{ctx}Invalid API key provided: sk_live_****{hex8}' },
    { label: 'Security Alert', text: 'mTLS client certificate verification failed for client CN={word}-merchant from {ip}' },
    { label: 'Resource Usage', text: 'provider rate limit usage {psp}={pct}/100 rps' },
    { label: 'Resource Usage', text: 'HikariPool-1 - Pool stats (total={small}, active={small}, idle={small}, waiting={small})' },
    { label: 'Resource Usage', text: 'payment-processor executor active={small} max=32 queued={int}' },
    { label: 'Deprecation Warning', text: 'Stripe API version {date} is deprecated; upgrade the account API version before it is retired' },
    { label: 'Deprecation Warning', text: '{ctx}Using legacy Charges API for tenant {tenant}; migrate to PaymentIntents' },
    { label: 'Deprecation Warning', text: 'Adyen Checkout API v{int} is deprecated and will be sunset; migrate to v71' },
    { label: 'Deprecation Warning', text: 'TLS 1.0/1.1 connections to the gateway are no longer supported, client {clientId} must upgrade' },
    { label: 'Critical Error', text: 'FATAL: missing required configuration STRIPE_SECRET_KEY; exiting' },
    { label: 'Critical Error', text: 'ledger imbalance detected: debits != credits for batch {batch}, halting all postings' },
    { label: 'Critical Error', text: 'HSM connection lost; all card encryption operations unavailable' },
    { label: 'Critical Error', text: 'Payment service health DOWN: primary database unreachable' },
  ],
};

export const ERP_CRM_SERVICES: LogFamily = {
  id: 'erp-crm-services',
  group: 'app',
  weight: 0.9,
  program: ['crm-api', 'erp-connector', 'sync-worker', 'hr-service', 'reporting'],
  headers: ['log4j', 'iso-level', 'bracket-level'],
  loggers: ['com.acme.crm.sync.SalesforceSyncJob', 'com.acme.crm.leads.LeadScoringService', 'com.acme.erp.rfc.RfcConnector', 'com.acme.erp.idoc.IdocListener', 'com.acme.erp.mrp.MrpRunner', 'com.acme.reporting.ReportService', 'com.acme.hr.TimesheetService', 'org.quartz.core.JobRunShell', 'com.acme.crm.audit.AuditLogger'],
  threads,
  labelMix: { 'System Notification': 46, 'User Action': 20, Error: 12, 'Security Alert': 5, 'HTTP Status': 6, 'Resource Usage': 5, 'Deprecation Warning': 3, 'Critical Error': 2 },
  slots: {
    ...COMMON_SLOTS,
    crmObj: ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Campaign'],
    src: ['salesforce', 'hubspot', 'dynamics365', 'sap', 'netsuite', 'zoho', 'pipedrive'],
    stage: ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed Won'],
    report: ['Pipeline by Stage', 'Sales by Region', 'Open Cases', 'Monthly Revenue', 'Headcount', 'Aged Receivables'],
    role: ['sales_rep', 'sales_manager', 'support_agent', 'admin', 'finance', 'read_only'],
    idocType: ['ORDERS05', 'DESADV01', 'INVOIC02', 'MATMAS05', 'DEBMAS07'],
    plant: ['1000', '1100', '2000', 'DE01', 'US10'],
    crmPath: (rng) => rng.pick(['/api/v2/contacts', '/api/v2/contacts/{id}', '/api/v2/accounts/{id}', '/api/v2/leads', '/api/v2/opportunities/{id}', '/api/v1/reports/{id}/export', '/api/v1/employees/{id}/timesheets', '/odata/v4/Customers']).replace('{id}', String(rng.int(1, 999999))),
    status: ['200', '200', '200', '201', '204', '400', '403', '404', '409', '500'],
    week: (rng) => `${rng.int(2022, 2025)}-W${String(rng.int(1, 52)).padStart(2, '0')}`,
    period: (rng) => `${rng.int(2022, 2025)}-${String(rng.int(1, 12)).padStart(2, '0')}`,
  },
  templates: [
    { label: 'System Notification', text: 'Sync job {src}-{word} completed: fetched={count} upserted={count} skipped={small} errors=0 duration={seconds}s', weight: 4 },
    { label: 'System Notification', text: '{ctx}Sync job {src}-{word} started cursor={int} tenant={tenant}', weight: 2 },
    { label: 'System Notification', text: 'MRP run started plant={plant} horizon=90d run_id={uuid}' },
    { label: 'System Notification', text: 'MRP run finished plant={plant}: {count} planned orders created, {count} purchase requisitions, duration={seconds}s' },
    { label: 'System Notification', text: 'GL period {period} opened for company code {company}' },
    { label: 'System Notification', text: 'Batch job INVOICE_GENERATION started tenant={tenant} run_id={uuid}' },
    { label: 'System Notification', text: '{ctx}Lead {leadId} score recalculated: {small} -> {pct}', weight: 2 },
    { label: 'System Notification', text: '{ctx}Contact {contactId} merged into {contactId} by dedupe job' },
    { label: 'System Notification', text: 'Email campaign {word}-{word} queued: {count} recipients tenant={tenant}' },
    { label: 'System Notification', text: 'Job {word}.{word}Export fired at {isoTime}, next fire time {isoTime}', weight: 2 },
    { label: 'System Notification', text: '{ctx}Workflow instance {uuid} advanced to step \'manager_approval\'' },
    { label: 'System Notification', text: 'Exchange rates imported from ECB: {small} currencies, valid from {date}' },
    { label: 'System Notification', text: 'RFC destination ERP_PRD connected (client 100, sysnr 00, host {host})' },
    { label: 'System Notification', text: 'IDoc {idoc} of type {idocType} received from partner {word}, status 64', weight: 2 },
    { label: 'System Notification', text: 'IDoc {idoc} processed, status 53 (application document posted)', weight: 2 },
    { label: 'System Notification', text: '{ctx}Report \'{report}\' generated in {seconds}s rows={count}' },
    { label: 'System Notification', text: '{ctx}Outbox relay published {small} {crmObj} change events' },
    { label: 'System Notification', text: 'Tenant {tenant} provisioned plan=enterprise seats={int} region=eu-central-1' },
    { label: 'System Notification', text: '{ctx}{crmObj} {accountId} indexed for search in {durMs}ms' },
    { label: 'System Notification', text: 'Payroll export file payroll_{period}.csv written ({count} employees)' },
    { label: 'System Notification', text: 'LDAP directory sync finished: {count} users, {small} groups, 0 errors' },
    { label: 'User Action', text: '{ctx}contact {contactId} updated by user {userId} fields=[email,phone]', weight: 4 },
    { label: 'User Action', text: '{ctx}user {email} exported report \'{report}\' format={xlsx|csv|pdf}', weight: 3 },
    { label: 'User Action', text: '{ctx}lead {leadId} assigned to user {userId} by user {userId}', weight: 2 },
    { label: 'User Action', text: '{ctx}user {userId} logged in tenant={tenant} ip={ip}', weight: 3 },
    { label: 'User Action', text: '{ctx}opportunity {oppId} stage changed to {stage} by user {userId}', weight: 2 },
    { label: 'User Action', text: '{ctx}user {userId} created account \'{word} {word}\' (id={accountId})' },
    { label: 'User Action', text: '{ctx}user {userId} deleted {small} contacts' },
    { label: 'User Action', text: '{ctx}employee E{int} submitted timesheet week={week} hours={small}' },
    { label: 'User Action', text: '{ctx}user {userId} approved purchase requisition PR-{int}' },
    { label: 'User Action', text: 'AUDIT admin={user} changed role of user {userId} from {role} to {role}', weight: 2 },
    { label: 'User Action', text: '{ctx}user {email} imported {count} contacts from {file}' },
    { label: 'User Action', text: '{ctx}user {userId} logged out' },
    { label: 'HTTP Status', text: '{ctx}{method} {crmPath} {status} {durMs}ms', weight: 3 },
    { label: 'HTTP Status', text: '{ctx}request method={method} uri={crmPath} status={status} elapsed_ms={durMs} user={userId}', weight: 2 },
    { label: 'Error', text: '{ctx}{src} API call failed: REQUEST_LIMIT_EXCEEDED, backing off {small}s', weight: 2 },
    { label: 'Error', text: '{ctx}HubSpot API returned 502 Bad Gateway for GET /crm/v3/objects/contacts, retrying in {small}s', weight: 2 },
    { label: 'Error', text: 'RFC call RFC_READ_TABLE failed: RFC_COMMUNICATION_FAILURE partner \'{host}:sapgw00\' not reached' },
    { label: 'Error', text: '{ctx}SMTP send failed for campaign mail to {email}: 452 4.2.2 Mailbox full' },
    { label: 'Error', text: 'LDAP sync error: connection timed out to ldaps://{fqdn}:636' },
    { label: 'Error', text: 'Export job crm-nightly-export failed: S3 PutObject timed out after {int}ms' },
    { label: 'Error', text: '{ctx}org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection', weight: 2 },
    { label: 'Error', text: '{ctx}Elasticsearch query timed out after 30000ms index=contacts' },
    { label: 'Error', text: 'ODBC error [08S01] Communication link failure while reading {crmObj} table' },
    { label: 'Security Alert', text: '{ctx}Login failed for user {email}: invalid password (attempt {small}/5) ip={ip}', weight: 2 },
    { label: 'Security Alert', text: 'SSO assertion rejected: SAML signature validation failed issuer=https://{fqdn}/saml' },
    { label: 'Security Alert', text: '{ctx}user {userId} denied access to {crmObj} {accountId} (insufficient sharing rules)' },
    { label: 'Security Alert', text: 'Request with revoked API token tok_{hex8} from ip {ip} rejected' },
    { label: 'Security Alert', text: 'Mass export blocked: user {userId} tried to export {int} contacts (limit 10000)' },
    { label: 'Resource Usage', text: '{src} API usage: {int}/100000 daily requests ({pct}%)', weight: 2 },
    { label: 'Resource Usage', text: 'tenant {tenant} storage {float} GB of {int} GB used' },
    { label: 'Resource Usage', text: 'seat usage tenant={tenant} {int}/{int} licenses assigned' },
    { label: 'Resource Usage', text: 'batch queue depth={int} workers={small} busy={small}' },
    { label: 'Deprecation Warning', text: 'SOAP API v1 is deprecated and will be retired on {date}; migrate to REST API v2 (client {clientId})' },
    { label: 'Deprecation Warning', text: 'Salesforce Platform API version {small}.0 is retired; update the connector to API v59.0' },
    { label: 'Deprecation Warning', text: 'HubSpot v1 contacts API has been sunset; use the CRM v3 objects API' },
    { label: 'Deprecation Warning', text: 'Legacy report builder is deprecated; report \'{report}\' will be migrated automatically' },
    { label: 'Critical Error', text: 'Primary database unreachable and connection pool exhausted; ERP integration service shutting down' },
    { label: 'Critical Error', text: 'Application run failed: org.springframework.context.ApplicationContextException: Unable to start web server' },
    { label: 'Critical Error', text: 'Attachment store corruption detected: checksum mismatch in {small} blobs, read-only mode' },
  ],
};
