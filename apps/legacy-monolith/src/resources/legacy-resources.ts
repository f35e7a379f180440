import { LegacyResource } from './legacy-resource';

const TODAY = `to_char(now(), 'DD/MM/YYYY')`;

export const CLIENTS: LegacyResource = {
  path: '/api/clients',
  table: 'CLIENTS',
  key: { json: 'noClient', column: 'NO_CLIENT', type: 'integer' },
  errors: { prefix: 'CLI', notFound: 'Client inexistant' },
  fields: [
    { json: 'nom', column: 'NOM', type: 'text', max: 60, required: true },
    { json: 'prenom', column: 'PRENOM', type: 'text', max: 60 },
    { json: 'email', column: 'EMAIL', type: 'text', max: 120 },
    { json: 'telephone', column: 'TELEPHONE', type: 'text', max: 30 },
    { json: 'adresse1', column: 'ADRESSE1', type: 'text', max: 120 },
    { json: 'adresse2', column: 'ADRESSE2', type: 'text', max: 120 },
    { json: 'codePostal', column: 'CODE_POSTAL', type: 'text', max: 10 },
    { json: 'ville', column: 'VILLE', type: 'text', max: 60 },
    { json: 'pays', column: 'PAYS', type: 'text', max: 2 },
    { json: 'statut', column: 'STATUT', type: 'text', values: ['A', 'I', 'X'], fallback: 'A' },
    { json: 'noSecu', column: 'NO_SECU', type: 'text', max: 15, hidden: true },
    { json: 'dateNaissance', column: 'DATE_NAISSANCE', type: 'text', max: 10, hidden: true },
    { json: 'dateCreation', column: 'DATE_CREATION', type: 'text', generated: TODAY },
  ],
};

export const STOCK: LegacyResource = {
  path: '/api/stock',
  table: 'STOCK',
  key: { json: 'refArticle', column: 'REF_ARTICLE', type: 'text' },
  errors: { prefix: 'STK', notFound: 'Article inexistant' },
  fields: [
    { json: 'libelle', column: 'LIBELLE', type: 'text', max: 120 },
    { json: 'qteDispo', column: 'QTE_DISPO', type: 'integer', fallback: '0' },
    { json: 'qteReservee', column: 'QTE_RESERVEE', type: 'integer' },
    { json: 'prix', column: 'PRIX', type: 'amount' },
  ],
};

export const PAIEMENTS: LegacyResource = {
  path: '/api/paiements',
  table: 'PAIEMENTS',
  key: { json: 'noPaiement', column: 'NO_PAIEMENT', type: 'integer' },
  errors: { prefix: 'PAI', notFound: 'Paiement inexistant' },
  fields: [
    { json: 'noCommande', column: 'NO_COMMANDE', type: 'integer', required: true },
    { json: 'montant', column: 'MONTANT', type: 'amount', required: true },
    { json: 'mode', column: 'MODE', type: 'text', values: ['C', 'V', 'P'] },
    { json: 'iban', column: 'IBAN', type: 'text', max: 34 },
    { json: 'statut', column: 'STATUT', type: 'text', values: ['A', 'C', 'R', 'E'], fallback: 'A' },
    { json: 'datePaiement', column: 'DATE_PAIEMENT', type: 'text', generated: TODAY },
  ],
};
