import { Router } from 'express';
import * as userController from '../controllers/user.controller';
import { auth } from '../middleware/auth';
import { limit } from '../middleware/limits';
import { validate } from '../middleware/validate';
import * as userSchemas from '../validations/user.validation';

/** /users (sign-up, login) and /user (the current user). */
export const userRouter = Router();

userRouter.post('/users', limit.authByIp, validate(userSchemas.register), userController.register);
userRouter.post('/users/login', limit.authByIp, limit.loginByAccount, validate(userSchemas.login), userController.login);
userRouter.get('/user', auth.required, userController.getCurrent);
userRouter.put('/user', auth.required, validate(userSchemas.update), userController.updateCurrent);
