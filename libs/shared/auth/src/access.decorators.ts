import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ApiProblems, BEARER_SCHEME } from '@bascule/shared/http';

export const ACCESS_RULE = 'bascule:access';

/** `roles`: every one is required. `publicWhen`: public when that part of the configuration says so, else roles apply. */
export interface AccessRule {
  roles: readonly string[];
  public?: boolean;
  publicWhen?: PublicPart;
}

/** What the configuration may open without a token: METRICS_PUBLIC, DOCS_PUBLIC, HEALTH_DETAILS_PUBLIC. */
export type PublicPart = 'metrics' | 'docs' | 'healthDetails';

/** The caller's token must carry every one of these roles; documented in OpenAPI as the bearer scheme and `x-required-roles`. */
export function Roles(...roles: [string, ...string[]]) {
  const rule: AccessRule = { roles };
  return applyDecorators(
    SetMetadata(ACCESS_RULE, rule),
    ApiBearerAuth(BEARER_SCHEME),
    ApiExtension('x-required-roles', roles),
    ApiProblems(401, 403),
  );
}

/** Anyone may call it, without a token (health probes). */
export const Public = () => SetMetadata(ACCESS_RULE, { roles: [], public: true } satisfies AccessRule);

/** Public when the configuration opens it (METRICS_PUBLIC, DOCS_PUBLIC, HEALTH_DETAILS_PUBLIC), otherwise these roles are required. */
export const PublicWhen = (part: PublicPart, ...otherwise: [string, ...string[]]) =>
  SetMetadata(ACCESS_RULE, { roles: otherwise, publicWhen: part } satisfies AccessRule);
