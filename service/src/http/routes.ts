import { accountRoutes } from './accounts.routes.ts';
import { applicationRoutes } from './applications.routes.ts';
import { associationRoutes } from './associations.routes.ts';
import { boardRoutes } from './board.routes.ts';
import { citizenRoutes } from './citizens.routes.ts';
import { companyRoutes } from './companies.routes.ts';
import type { AppDeps } from './deps.ts';
import type { Endpoint } from './endpoint.ts';
import { identityRoutes } from './identity.routes.ts';
import { invitationRoutes } from './invitations.routes.ts';
import { jobRoutes } from './jobs.routes.ts';
import { membershipRoutes } from './memberships.routes.ts';
import { missionRoutes } from './missions.routes.ts';
import { needRoutes } from './needs.routes.ts';
import { noticeRoutes } from './notices.routes.ts';
import { offerRoutes } from './offers.routes.ts';
import { partnerRoutes } from './partners.routes.ts';
import { speedDatingRoutes } from './speed-dating.routes.ts';
import { moderationRoutes } from './moderation.routes.ts';
import { suggestionRoutes } from './suggestions.routes.ts';
import { territoryRoutes } from './territories.routes.ts';

/** Every endpoint of the API, module by module. The OpenAPI document and the access-matrix test read this list. */
export function allEndpoints(deps: AppDeps): Endpoint[] {
  return [
    ...territoryRoutes(deps),
    ...accountRoutes(deps),
    ...identityRoutes(deps),
    ...noticeRoutes(deps),
    ...membershipRoutes(deps),
    ...moderationRoutes(deps),
    ...associationRoutes(deps),
    ...missionRoutes(deps),
    ...speedDatingRoutes(deps),
    ...citizenRoutes(deps),
    ...companyRoutes(deps),
    ...offerRoutes(deps),
    ...needRoutes(deps),
    ...partnerRoutes(deps),
    ...suggestionRoutes(deps),
    ...applicationRoutes(deps),
    ...invitationRoutes(deps),
    ...boardRoutes(deps),
    ...jobRoutes(deps),
  ];
}
