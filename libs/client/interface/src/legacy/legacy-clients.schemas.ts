import { Static, Type } from '@sinclair/typebox';

/** The legacy paging parameters, now checked: the monolith clamped them; a bad one is a 400 here. */
export const LegacyClientsQuerySchema = Type.Object(
  {
    page: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: 'Page number, from 1' }),
    taille: Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Page size' }),
  },
  { additionalProperties: false },
);
export type LegacyClientsQuery = Static<typeof LegacyClientsQuerySchema>;

/** A legacy client number, as the old sequence issued them. */
export const NO_CLIENT_RANGE = { min: 1, max: 999_999_999 } as const;

const text = Type.Union([Type.String(), Type.Null()]);
export const LegacyClientSchema = Type.Object(
  {
    noClient: Type.Integer(),
    nom: text,
    prenom: text,
    email: text,
    telephone: text,
    adresse1: text,
    adresse2: text,
    codePostal: text,
    ville: text,
    pays: Type.Union([Type.String(), Type.Null()], { description: 'ISO alpha-2; null means France' }),
    statut: Type.Union([Type.Literal('A'), Type.Literal('I'), Type.Literal('X')], {
      description: 'A actif, I inactif, X effacé',
    }),
    dateCreation: Type.Union([Type.String(), Type.Null()], { examples: ['14/03/2009'] }),
  },
  { $id: 'LegacyClient' },
);
export const LegacyClientPageSchema = Type.Object(
  { page: Type.Integer(), taille: Type.Integer(), clients: Type.Array(LegacyClientSchema) },
  { $id: 'LegacyClientPage' },
);
export const LegacyErrorSchema = Type.Object(
  { codeErreur: Type.String({ examples: ['CLI-404'] }), libelle: Type.String() },
  { $id: 'LegacyError' },
);
