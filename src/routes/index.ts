/** The versioned API: every resource router mounts here, under /api/v1. */
import { Router } from 'express';

export const apiV1Router = Router();
