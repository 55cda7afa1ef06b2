/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_MIGRATE_SOCKET_FACTORY_H
#define TCP_MIGRATE_SOCKET_FACTORY_H

#include "relocatable-socket-factory.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Creates TcpMigrateSockets (see RelocatableSocketFactory): applications ask
 *        for "ns3::TcpMigrateSocketFactory" and get TCP Migrate transparently.
 */
class TcpMigrateSocketFactory : public RelocatableSocketFactory
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TcpMigrateSocketFactory();
};

} // namespace ns3

#endif /* TCP_MIGRATE_SOCKET_FACTORY_H */
