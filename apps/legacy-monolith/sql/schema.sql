-- The legacy stand-in's one shared database, as fifteen years left it: upper-case French names, integer
-- keys from sequences, one-letter status codes, NUMERIC amounts, dates as DD/MM/YYYY strings, nullable
-- columns used inconsistently, and personal columns no new service needs. Idempotent.
CREATE SEQUENCE IF NOT EXISTS "SEQ_CLIENTS" START 1000;
CREATE TABLE IF NOT EXISTS "CLIENTS" (
  "NO_CLIENT"      integer PRIMARY KEY DEFAULT nextval('"SEQ_CLIENTS"'),
  "NOM"            varchar(60),
  "PRENOM"         varchar(60),
  "EMAIL"          varchar(120),
  "TELEPHONE"      varchar(30),
  "ADRESSE1"       varchar(120),
  "ADRESSE2"       varchar(120),
  "CODE_POSTAL"    varchar(10),
  "VILLE"          varchar(60),
  "PAYS"           char(2),                       -- NULL means France
  "STATUT"         char(1) NOT NULL DEFAULT 'A',  -- A actif, I inactif, X effacé
  "DATE_CREATION"  varchar(10),                   -- DD/MM/YYYY
  "NO_SECU"        varchar(15),
  "DATE_NAISSANCE" varchar(10)
);

CREATE SEQUENCE IF NOT EXISTS "SEQ_COMMANDES" START 500000;
CREATE TABLE IF NOT EXISTS "COMMANDES" (
  "NO_COMMANDE"    integer PRIMARY KEY DEFAULT nextval('"SEQ_COMMANDES"'),
  "NO_CLIENT"      integer NOT NULL REFERENCES "CLIENTS" ("NO_CLIENT"),
  "DATE_COMMANDE"  varchar(10),                   -- DD/MM/YYYY
  "STATUT"         char(1) NOT NULL DEFAULT 'E',  -- E en cours, V validée, L livrée, A annulée
  "MONTANT_TOTAL"  numeric(12, 2)
);

CREATE TABLE IF NOT EXISTS "LIGNES_COMMANDE" (
  "NO_COMMANDE"    integer NOT NULL REFERENCES "COMMANDES" ("NO_COMMANDE") ON DELETE CASCADE,
  "NO_LIGNE"       integer NOT NULL,
  "REF_ARTICLE"    varchar(20) NOT NULL,
  "QUANTITE"       integer NOT NULL,
  "PRIX_UNITAIRE"  numeric(10, 2) NOT NULL,
  PRIMARY KEY ("NO_COMMANDE", "NO_LIGNE")
);

CREATE TABLE IF NOT EXISTS "STOCK" (
  "REF_ARTICLE"    varchar(20) PRIMARY KEY,
  "LIBELLE"        varchar(120),
  "QTE_DISPO"      integer NOT NULL DEFAULT 0,
  "QTE_RESERVEE"   integer,                       -- NULL means 0
  "PRIX"           numeric(10, 2)
);

CREATE SEQUENCE IF NOT EXISTS "SEQ_PAIEMENTS" START 1;
CREATE TABLE IF NOT EXISTS "PAIEMENTS" (
  "NO_PAIEMENT"    integer PRIMARY KEY DEFAULT nextval('"SEQ_PAIEMENTS"'),
  "NO_COMMANDE"    integer NOT NULL REFERENCES "COMMANDES" ("NO_COMMANDE"),
  "MONTANT"        numeric(12, 2) NOT NULL,
  "MODE"           char(1),                       -- C carte, V virement, P prélèvement
  "IBAN"           varchar(34),
  "STATUT"         char(1) NOT NULL DEFAULT 'A',  -- A autorisé, C capturé, R remboursé, E échec
  "DATE_PAIEMENT"  varchar(10)                    -- DD/MM/YYYY
);

CREATE SEQUENCE IF NOT EXISTS "SEQ_FACTURES" START 1;
CREATE TABLE IF NOT EXISTS "FACTURES" (
  "NO_FACTURE"     integer PRIMARY KEY DEFAULT nextval('"SEQ_FACTURES"'),
  "NO_COMMANDE"    integer NOT NULL REFERENCES "COMMANDES" ("NO_COMMANDE"),
  "MONTANT_HT"     numeric(12, 2),
  "TVA"            numeric(12, 2),
  "MONTANT_TTC"    numeric(12, 2),
  "DATE_FACTURE"   varchar(10)                    -- DD/MM/YYYY
);
-- The invoice batch looks up each delivered order's invoice. Without an index its anti-join scanned every invoice for
-- each order whenever the planner misjudged a freshly written range (legacy:generate at its default volumes stopped
-- on the statement timeout from 50,000 orders on).
CREATE INDEX IF NOT EXISTS "FACTURES_NO_COMMANDE" ON "FACTURES" ("NO_COMMANDE");
