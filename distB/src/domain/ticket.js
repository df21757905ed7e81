export const TICKET_KINDS = ['inquiry', 'problem', 'complaint', 'suggestion', 'feedback'];
export const PRIORITIES = ['urgent', 'general', 'complex'];
export const CHANNELS = ['web', 'email', 'phone', 'chat', 'social', 'api'];
/** What can happen to a ticket, in the words of a service desk. */
export const TICKET_EVENT_TYPES = [
    'acknowledged', // first (or any later) response to the customer
    'classified', // triaged; may carry a corrected kind and priority
    'staged_solution_provided', // an interim solution or workaround
    'solution_provided',
    'resolved',
    'reopened',
    'waiting_on_customer',
    'customer_replied',
    'closed',
    'rated', // satisfaction 1..5
    'adopted', // a suggestion's decision
    'rejected',
];
//# sourceMappingURL=ticket.js.map