import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { ACCESS_RULE } from './access.decorators';

/** Fails the start-up, naming them, when handlers declare neither `@Roles` nor `@Public`: deny by default is caught before a request is. */
@Injectable()
export class AccessRulesCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const undeclared = undeclaredHandlers(this.discovery, this.scanner, this.reflector);
    if (undeclared.length)
      throw new Error(
        `Handlers without @Roles(...) or @Public() (deny by default refuses every call to them): ${undeclared.join(', ')}`,
      );
  }
}

export function undeclaredHandlers(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): string[] {
  return discovery.getControllers().flatMap(({ metatype }) => {
    if (!metatype) return [];
    const prototype = metatype.prototype as Record<string, (...args: unknown[]) => unknown>;
    return scanner
      .getAllMethodNames(prototype)
      .filter(
        (name) =>
          Reflect.hasMetadata(PATH_METADATA, prototype[name]) || Reflect.hasMetadata(PATTERN_METADATA, prototype[name]),
      )
      .filter((name) => !reflector.getAllAndOverride(ACCESS_RULE, [prototype[name], metatype]))
      .map((name) => `${metatype.name}.${name}`);
  });
}
