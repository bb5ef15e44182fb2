/** The versioned API: every resource router mounts here, under /api/v1. */
import { Router } from 'express';
import { adminRouter } from './admin.routes';
import { articleRouter } from './article.routes';
import { authRouter } from './auth.routes';
import { profileRouter } from './profile.routes';
import { tagRouter } from './tag.routes';
import { userRouter } from './user.routes';

export const apiV1Router = Router();

apiV1Router.use('/', userRouter);
apiV1Router.use('/profiles', profileRouter);
apiV1Router.use('/articles', articleRouter);
apiV1Router.use('/tags', tagRouter);
apiV1Router.use('/auth', authRouter);
apiV1Router.use('/admin', adminRouter);
