/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBI_SOCKET_FACTORY_H
#define MOBI_SOCKET_FACTORY_H

#include "relocatable-socket-factory.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Creates MobiSockets (see RelocatableSocketFactory).
 *
 * Aggregate one to a node (MobiSocketHelper does) and ask for it by name,
 * e.g. BulkSendHelper("ns3::MobiSocketFactory", address).
 */
class MobiSocketFactory : public RelocatableSocketFactory
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    MobiSocketFactory();
};

} // namespace ns3

#endif /* MOBI_SOCKET_FACTORY_H */
