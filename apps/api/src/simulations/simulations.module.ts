import { Module } from '@nestjs/common';
import { SimulationRunner } from './simulation-runner.service';
import { SimulationsController } from './simulations.controller';
import { SimulationsService } from './simulations.service';

/** 政策推演 / policy what-if: jobs replaying a period under a proposed policy (libs/simulation). */
@Module({ controllers: [SimulationsController], providers: [SimulationsService, SimulationRunner] })
export class SimulationsModule {}
