// Lint fixture: the published contracts of a second bounded context, which the client context may import.
export interface InvoiceIssuedV1 {
  invoiceId: string;
}
