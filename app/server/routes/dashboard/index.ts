import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../plugins/authentication';
import { errorResponses } from '../../schemas/common.schema';
import { DEFAULT_SUMMARY_DAYS, DashboardSummary, DashboardSummaryQuery } from '../../schemas/dashboard.schema';
import { dashboardSummaryRead } from '../../services/dashboard-service';
import { sendRead } from '../cached-read';

const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.get(
    '/dashboard/summary',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Counts over the projects the caller may see, in one request',
        description:
          'Admins count every project; everyone else the projects they own or are a member of. Tasks by current status and by kind; ' +
          'datasets by format with their total size in bytes; tasks created per UTC day over the last `days` days (today included), ' +
          'by current status. Refetch it on task.*, dataset.* and project.* WebSocket events to keep a dashboard live.',
        querystring: DashboardSummaryQuery,
        response: { 200: DashboardSummary, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) =>
      sendRead(reply, ctx.cache, dashboardSummaryRead(ctx, principalOf(request), request.query.days ?? DEFAULT_SUMMARY_DAYS)),
  );
};

export default dashboardRoutes;
