/**
 * A Spring Boot business service (an order service of a web shop): startup, HikariCP, HTTP
 * clients, Kafka, payments and orders. Content is the message after the
 * `date LEVEL pid --- [thread] logger : ` header.
 */
import { again, columns, ev, keep, mostly, num, type ProbeFamily, type Slot } from './family.ts';
import type { Rng } from './rng.ts';
import { email, publicIp } from './values.ts';

const SKUS = Array.from({ length: 30 }, (_, i) => `SKU-${104200 + i * 37}`);
const CARRIERS = ['DHL', 'UPS', 'PostNL', 'DPD'];
const WAREHOUSES = ['AMS-1', 'FRA-2', 'WAW-1'];
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'GBP', 'PLN'];
const SERVICES = ['inventory-service', 'pricing-service', 'customer-service', 'shipping-gateway'];

const orderId: Slot = (r) => r.sticky('order', () => `ORD-${r.int(2024000000, 2024999999)}`, 12, 0.6);
const customerId: Slot = (r) => r.sticky('customer', () => String(r.int(100000, 999999)), 10, 0.5);
const sku: Slot = (r) => r.skewed(SKUS, 0.7);
const amount: Slot = (r) => r.fixed(4.99, 1500, 2);
const currency: Slot = (r) => r.skewed(CURRENCIES);
const ms: Slot = (r) => `${r.logInt(2, 9000)}ms`;
const clientIp: Slot = (r) => (r.chance(0.5) ? publicIp(r) : `10.0.${r.int(10, 40)}.${r.int(2, 250)}`);
const requestPath = (r: Rng): string =>
  r.weighted([
    [`/api/orders/${orderId(r)}`, 5],
    ['/api/orders', 3],
    [`/api/customers/${customerId(r)}/orders?page=${r.int(0, 9)}&size=20`, 2],
    [`/api/carts/${r.uuid()}/checkout`, 2],
    ['/actuator/health/readiness', 3],
    [`/api/orders/${orderId(r)}/cancel`, 0.5],
  ] as const);
const outbound = (r: Rng): string => {
  const svc = r.skewed(SERVICES);
  const path = svc === 'inventory-service' ? `/api/v2/stock/${sku(r)}?warehouse=${r.skewed(WAREHOUSES)}` : svc === 'pricing-service' ? `/api/prices?sku=${r.subset(SKUS, 1, 4).join(',')}` : svc === 'customer-service' ? `/api/customers/${customerId(r)}` : `/v1/labels`;
  return `http://${svc}.shop.svc.cluster.local:8080${path}`;
};
const httpStatus = (r: Rng): [string, string] => r.weighted([[['200', 'OK'], 20], [['201', 'CREATED'], 3], [['404', 'NOT_FOUND'], 1], [['503', 'SERVICE_UNAVAILABLE'], 0.5], [['409', 'CONFLICT'], 0.5]] as const) as [string, string];
/** Status code and reason phrase are two arguments of one status. */
const statusCode: Slot = (r) => {
  const [code, reason] = httpStatus(r);
  r.memo.set('reason', reason);
  return code;
};
const statusReason: Slot = again('reason');
const job: Slot = (r) => r.skewed(['abandonedCartReminder', 'exportDailyOrders', 'reconcilePayments', 'purgeExpiredReservations']);

export const springBoot: ProbeFamily = {
  system: 'SpringBoot',
  about: 'A Spring Boot order service; Content is the message after the date, level, pid, thread and logger header.',
  events: [
    ev(0.05, 'Started <*> in <*> seconds (process running for <*>)', mostly('OrderServiceApplication'), keep('up', (r) => r.fixed(6, 30, 3)), (r) => (Number(again('up')(r)) + r.int(400, 1800) / 1000).toFixed(3)),
    ev(0.05, 'Tomcat initialized with port <*> (<*>)', mostly('8080'), mostly('http')),
    ev(0.05, "Tomcat started on port <*> (<*>) with context path '<*>'", mostly('8080'), mostly('http'), mostly('/orders', '/')),
    ev(0.1, '<*> - Starting...', mostly('HikariPool-1', 'HikariPool-2')),
    ev(0.1, '<*> - Start completed.', mostly('HikariPool-1', 'HikariPool-2')),
    ev(0.05, '<*> - Shutdown initiated...', mostly('HikariPool-1', 'HikariPool-2')),
    ev(0.05, '<*> - Shutdown completed.', mostly('HikariPool-1', 'HikariPool-2')),
    ev(0.3, '<*> - Connection is not available, request timed out after <*> (total=<*>, active=<*>, idle=<*>, waiting=<*>)', mostly('HikariPool-1', 'HikariPool-2'), (r) => `${r.int(30000, 30020)}ms`, ...columns('pool', [['10', '10'], ['20', '20']]), mostly('0'), num(1, 40)),
    ev(0.1, '<*> - Thread starvation or clock leap detected (housekeeper delta=<*>).', mostly('HikariPool-1', 'HikariPool-2'), (r) => `${r.int(1, 9)}m${r.int(0, 59)}s${r.int(0, 999)}ms`),
    ev(0.05, 'Completed initialization in <*> ms', num(1, 9)),
    ev(0.05, "Initializing Servlet '<*>'", mostly('dispatcherServlet')),
    ev(10, 'Order <*> created for customer <*> with <*> items, total <*> <*>', orderId, customerId, (r) => String(r.logInt(1, 40)), amount, currency),
    ev(6, 'Order <*> confirmed', orderId),
    ev(1, 'Order <*> cancelled by customer <*>, reason: <*>', orderId, customerId, mostly('changed_mind', 'delivery_too_slow', 'duplicate_order', 'price_changed')),
    ev(4, 'Order <*> shipped via <*>, tracking number <*>', orderId, (r) => r.skewed(CARRIERS), (r) => r.pick([`JJD${r.int(10 ** 9, 10 ** 10 - 1)}${r.int(10 ** 7, 10 ** 8 - 1)}`, `1Z${r.alnum(16).toUpperCase()}`, `3S${r.alnum(13).toUpperCase()}`])),
    ev(8, 'Payment authorization for order <*> succeeded: transactionId=<*>, amount=<*>, currency=<*>, provider=<*>', orderId, (r) => r.pick([`pi_${r.alnum(24)}`, `${r.alnum(16).toUpperCase()}`]), amount, currency, mostly('stripe', 'adyen')),
    ev(1.5, 'Payment authorization for order <*> failed: code=<*>, message="<*>", provider=<*>', orderId, mostly('card_declined', 'insufficient_funds', 'expired_card', 'processing_error'),
      mostly('Your card was declined.', 'Your card has insufficient funds.', 'Your card has expired.', 'An error occurred while processing your card. Try again in a little bit.'), mostly('stripe', 'adyen')),
    ev(3, 'Payment capture for order <*> succeeded', orderId),
    ev(0.4, 'Payment capture for order <*> failed', orderId),
    ev(8, 'Reserved <*> units of <*> in warehouse <*> for order <*>', (r) => String(r.logInt(1, 24)), sku, (r) => r.skewed(WAREHOUSES), orderId),
    ev(1.5, 'Released reservation <*> for order <*>', (r) => r.uuid(), orderId),
    ev(3, 'Inventory check for <*> returned <*> available (requested <*>)', sku, (r) => String(r.logInt(1, 5000) - 1), (r) => String(r.logInt(1, 24))),
    ev(12, 'HTTP <*> <*> -> <*> <*> in <*>', mostly('GET', 'POST', 'PUT'), (r) => outbound(r), statusCode, statusReason, ms),
    ev(1, 'Retrying call to <*> (attempt <*>/<*>) after <*>: <*>', (r) => r.skewed(SERVICES), mostly('1', '2'), mostly('3'), mostly('250ms', '500ms', '1000ms'), mostly('Read timed out', 'Connection refused', '503 Service Unavailable: "upstream connect error or disconnect/reset before headers. reset reason: overflow"')),
    ev(0.3, "Circuit breaker '<*>' changed state from <*> to <*>", (r) => r.skewed(SERVICES), mostly('CLOSED', 'OPEN', 'HALF_OPEN'), mostly('OPEN', 'HALF_OPEN', 'CLOSED')),
    ev(6, 'Kafka message published: topic=<*>, partition=<*>, offset=<*>, key=<*>', mostly('order-events', 'payment-events', 'inventory-commands'), num(0, 11), (r) => String(r.logInt(1, 90_000_000)), orderId),
    ev(5, 'Consumed event <*> from topic <*> (partition <*>, offset <*>)', mostly('OrderPaid', 'ShipmentDispatched', 'StockAdjusted', 'RefundRequested'), mostly('payment-events', 'shipping-events', 'inventory-events'), num(0, 11), (r) => String(r.logInt(1, 90_000_000))),
    ev(1.5, "Discount code '<*>' applied to order <*>: -<*> <*>", (r) => r.pick(['SPRING10', 'WELCOME5', 'FREESHIP', `VIP-${r.alnum(6).toUpperCase()}`]), orderId, (r) => r.fixed(1, 50, 2), currency),
    ev(0.5, "Discount code '<*>' rejected for customer <*>: <*>", (r) => r.pick(['SPRING10', 'WELCOME5', 'BLACKFRIDAY23']), customerId, mostly('expired', 'usage limit reached', 'not applicable to cart')),
    ev(4, 'Customer <*> logged in from <*> (<*>)', customerId, clientIp, mostly('web', 'ios', 'android')),
    ev(1, "Invalid login attempt for user '<*>' from <*>", (r) => email(r, ['gmail.com', 'example.com', 'outlook.com']), clientIp),
    ev(1.5, 'Validation failed for <*>: <*>', mostly('CreateOrderRequest', 'UpdateAddressRequest', 'CheckoutRequest'),
      (r) => r.subset(['quantity must be greater than 0', 'shippingAddress.zip must not be blank', 'email must be a well-formed email address', "items must not be empty", 'couponCode size must be between 4 and 20'], 1, 3).join(', ')),
    ev(1.5, 'Resolved [<*>: <*>]', ...columns('ex', [
      ['org.springframework.web.HttpRequestMethodNotSupportedException', "Request method 'PUT' is not supported"],
      ['org.springframework.http.converter.HttpMessageNotReadableException', 'Required request body is missing'],
      ['org.springframework.web.servlet.resource.NoResourceFoundException', 'No static resource favicon.ico.'],
    ])),
    ev(25, 'Request <*> <*> completed with status <*> in <*>', mostly('GET', 'POST', 'PUT', 'DELETE'), (r) => requestPath(r), (r) => httpStatus(r)[0], ms),
    ev(0.8, 'Slow query detected (<*>): <*>', (r) => `${r.int(1000, 9000)}ms`,
      mostly('select o1_0.id,o1_0.customer_id,o1_0.status,o1_0.total from orders o1_0 where o1_0.customer_id=? order by o1_0.created_at desc', 'update reservations set status=? where expires_at<? and status=?', 'select count(*) from order_items oi1_0 where oi1_0.sku=?')),
    ev(0.8, "Scheduled job '<*>' started", job),
    ev(0.8, "Scheduled job '<*>' finished in <*>, processed <*> records", job, ms, (r) => String(r.logInt(1, 90000) - 1)),
    ev(3, "Cache miss for key <*> in cache '<*>'", (r) => (r.chance(0.6) ? sku(r) : customerId(r)), mostly('products', 'prices', 'customers')),
    ev(4, 'Sending order confirmation e-mail to <*> for order <*>', (r) => email(r, ['gmail.com', 'example.com', 'outlook.com', 'web.de']), orderId),
    ev(0.3, 'Failed to send e-mail to <*>: <*>', (r) => email(r, ['gmail.com', 'example.com']), mostly("Couldn't connect to host, port: smtp.mailgun.org, 587; timeout 5000", '452 4.2.2 Mailbox full')),
    ev(0.2, 'Exported <*> orders to <*>', (r) => String(r.logInt(100, 90000)), (r) => `s3://shop-exports/orders/${new Date(r.clock).toISOString().slice(0, 10)}.csv`),
    ev(0.8, 'Refund <*> issued for order <*>: amount=<*>, currency=<*>', (r) => `re_${r.alnum(24)}`, orderId, amount, currency),
    ev(0.2, 'Webhook from <*> rejected: invalid signature', mostly('stripe', 'adyen')),
    ev(0.8, 'Stock level for <*> below threshold: <*> left (threshold <*>)', sku, num(0, 9), mostly('10', '25')),
    ev(0.05, 'The following <*> profile is active: "<*>"', mostly('1'), mostly('prod', 'staging')),
    ev(0.05, "Exposing <*> endpoint(s) beneath base path '<*>'", mostly('4', '3'), mostly('/actuator')),
    ev(0.05, 'Commencing graceful shutdown. Waiting for active requests to complete'),
    ev(0.05, 'Graceful shutdown complete'),
  ],
};
