/**
 * Set-based SQL that fills the legacy tables with reproducible data: every value is derived from the row
 * number and the seed through `hashtext`, so the same seed gives the same database. $1 = seed, $2/$3 =
 * the row range of this chunk. Quirks of fifteen years are kept on purpose: NULL countries (France),
 * missing emails, upper- and mixed-case names, DD/MM/YYYY dates, NULL reserved stock.
 */
const rnd = (field: string, modulo: number) => `(abs(hashtext($1 || ':${field}:' || n)) % ${modulo})`;

export const LEGACY_DATA_SQL = {
  stock: `INSERT INTO "STOCK" ("REF_ARTICLE", "LIBELLE", "QTE_DISPO", "QTE_RESERVEE", "PRIX")
    SELECT 'ART-' || lpad(n::text, 6, '0'), 'Article ' || n, ${rnd('qty', 500)}, CASE WHEN ${rnd('res', 3)} = 0 THEN NULL ELSE ${rnd('res2', 20)} END,
           round((1 + ${rnd('price', 50000)} / 100.0)::numeric, 2)
      FROM generate_series($2::int, $3::int) AS n`,
  clients: `INSERT INTO "CLIENTS" ("NO_CLIENT", "NOM", "PRENOM", "EMAIL", "TELEPHONE", "ADRESSE1", "ADRESSE2", "CODE_POSTAL", "VILLE", "PAYS", "STATUT", "DATE_CREATION", "NO_SECU", "DATE_NAISSANCE")
    SELECT n, CASE WHEN ${rnd('case', 5)} = 0 THEN initcap(x.nom) ELSE x.nom END, x.prenom,
           CASE WHEN ${rnd('mail', 100)} = 0 THEN NULL ELSE lower(x.prenom) || '.' || lower(x.nom) || n || '@exemple.fr' END,
           CASE WHEN ${rnd('tel', 4)} = 0 THEN NULL ELSE '0' || (1 + ${rnd('tel1', 9)}) || ' ' || lpad(${rnd('tel2', 100000000)}::text, 8, '0') END,
           (1 + ${rnd('num', 200)}) || ' rue ' || (ARRAY['de la Paix','Victor Hugo','des Lilas','du Moulin','Pasteur'])[1 + ${rnd('rue', 5)}],
           CASE WHEN ${rnd('adr2', 6)} = 0 THEN 'Bat. ' || chr(65 + ${rnd('bat', 6)}::int) ELSE NULL END,
           lpad((1 + ${rnd('cp', 95)})::text, 2, '0') || lpad(${rnd('cp2', 1000)}::text, 3, '0'),
           (ARRAY['PARIS','LYON','MARSEILLE','LILLE','NANTES','BORDEAUX','TOULOUSE','NICE'])[1 + ${rnd('ville', 8)}],
           CASE WHEN ${rnd('pays', 20)} = 0 THEN (ARRAY['BE','CH','LU','DE'])[1 + ${rnd('pays2', 4)}] ELSE NULL END,
           CASE WHEN ${rnd('statut', 25)} = 0 THEN 'I' ELSE 'A' END,
           lpad((1 + ${rnd('d', 28)})::text, 2, '0') || '/' || lpad((1 + ${rnd('m', 12)})::text, 2, '0') || '/' || (2009 + ${rnd('y', 16)}),
           lpad(${rnd('secu', 1000000000)}::text, 13, '1'),
           lpad((1 + ${rnd('bd', 28)})::text, 2, '0') || '/' || lpad((1 + ${rnd('bm', 12)})::text, 2, '0') || '/' || (1940 + ${rnd('by', 60)})
      FROM generate_series($2::int, $3::int) AS n,
           LATERAL (SELECT (ARRAY['MARTIN','BERNARD','DUBOIS','THOMAS','ROBERT','RICHARD','PETIT','DURAND','LEROY','MOREAU'])[1 + ${rnd('nom', 10)}] AS nom,
                           (ARRAY['Jean','Marie','Pierre','Sophie','Luc','Claire','Paul','Julie'])[1 + ${rnd('prenom', 8)}] AS prenom) AS x`,
  orders: `INSERT INTO "COMMANDES" ("NO_COMMANDE", "NO_CLIENT", "DATE_COMMANDE", "STATUT", "MONTANT_TOTAL")
    SELECT n, $4::int + ${rnd('client', 1000000000)} % $5::int, lpad((1 + ${rnd('d', 28)})::text, 2, '0') || '/' || lpad((1 + ${rnd('m', 12)})::text, 2, '0') || '/' || (2012 + ${rnd('y', 13)}),
           (ARRAY['E','V','L','L','L','A'])[1 + ${rnd('st', 6)}], NULL
      FROM generate_series($2::int, $3::int) AS n`,
  lines: `INSERT INTO "LIGNES_COMMANDE" ("NO_COMMANDE", "NO_LIGNE", "REF_ARTICLE", "QUANTITE", "PRIX_UNITAIRE")
    SELECT c."NO_COMMANDE", l, 'ART-' || lpad((1 + abs(hashtext($1 || ':art:' || c."NO_COMMANDE" || ':' || l)) % $4::int)::text, 6, '0'),
           1 + abs(hashtext($1 || ':q:' || c."NO_COMMANDE" || ':' || l)) % 5, round((1 + abs(hashtext($1 || ':p:' || c."NO_COMMANDE" || ':' || l)) % 20000 / 100.0)::numeric, 2)
      FROM "COMMANDES" c, generate_series(1, 1 + abs(hashtext($1 || ':nl:' || c."NO_COMMANDE")) % 7) AS l
     WHERE c."NO_COMMANDE" BETWEEN $2::int AND $3::int`,
  totals: `UPDATE "COMMANDES" c SET "MONTANT_TOTAL" = t.total
      FROM (SELECT "NO_COMMANDE", sum("QUANTITE" * "PRIX_UNITAIRE") AS total FROM "LIGNES_COMMANDE" WHERE "NO_COMMANDE" BETWEEN $1::int AND $2::int GROUP BY 1) t
     WHERE c."NO_COMMANDE" = t."NO_COMMANDE"`,
  payments: `INSERT INTO "PAIEMENTS" ("NO_COMMANDE", "MONTANT", "MODE", "IBAN", "STATUT", "DATE_PAIEMENT")
    SELECT c."NO_COMMANDE", c."MONTANT_TOTAL", m.mode, CASE WHEN m.mode IN ('V','P') THEN 'FR76' || lpad((abs(hashtext($1 || ':iban:' || c."NO_COMMANDE")))::text, 23, '3') ELSE NULL END,
           CASE c."STATUT" WHEN 'A' THEN 'R' WHEN 'E' THEN 'A' ELSE 'C' END, c."DATE_COMMANDE"
      FROM "COMMANDES" c, LATERAL (SELECT (ARRAY['C','V','P'])[1 + abs(hashtext($1 || ':mode:' || c."NO_COMMANDE")) % 3] AS mode) m
     WHERE c."NO_COMMANDE" BETWEEN $2::int AND $3::int AND c."STATUT" <> 'E'`,
};
